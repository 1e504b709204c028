"""WordprocessingML as the reader touches it: names, attributes, children, and a part of the
tree as a key.

The reader visits every element of every letter, so its per-element costs live here. lxml's
`find` goes through ElementPath, several times the cost of looking at the children: `child`
looks at the children (the properties element, w:pPr, w:rPr, w:tcPr, comes first by the
schema, so usually one step).
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LOCAL: dict[str, str] = {}


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag."""
    return f"{{{W}}}{tag}"


VAL = w("val")


def attr(el: etree._Element | None, name: str) -> str | None:
    """A w: attribute of `el`, or None."""
    return None if el is None else el.get(w(name))


def on(el: etree._Element) -> bool:
    """An on/off property (§17.17.4): present without val, or val not 0/false/off."""
    return el.get(VAL) not in ("0", "false", "off")


def twips(value: str | None) -> int | None:
    """A measure attribute as int; tolerant of the '720.0' some generators write."""
    if value is None:
        return None
    try:
        return round(float(value))
    except ValueError:
        return None


def child(el: etree._Element | None, tag: str) -> etree._Element | None:
    """The first child with this Clark tag: what `el.find(tag)` gives, without ElementPath."""
    if el is None or not len(el):
        return None
    first = el[0]
    if first.tag == tag:
        return first
    for found in el:
        if found.tag == tag:
            return found
    return None


def local(el: etree._Element) -> str:
    """Local name of an element ('' for comments and processing instructions), remembered per
    tag: the reader asks it of nearly every element."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    name = _LOCAL.get(tag)
    if name is None:
        name = tag.rpartition("}")[2]
        if len(_LOCAL) < 4096:  # a file of invented tags cannot grow it without end
            _LOCAL[tag] = name
    return name


def markup(el: etree._Element | None) -> str:
    """An element as XML, its in-scope namespaces included: what it means, as a key (a str:
    a third cheaper to make than bytes, where non-ASCII letters become character references)."""
    return "" if el is None else etree.tostring(el, encoding=str, with_tail=False)


def grandchild(el: etree._Element, outer: str, inner: str) -> etree._Element | None:
    """The first `inner` child of an `outer` child: what `el.find("outer/inner")` gives."""
    for middle in el:
        if middle.tag == outer:
            found = child(middle, inner)
            if found is not None:
                return found
    return None
