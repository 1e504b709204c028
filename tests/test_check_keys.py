"""`elements.begins` answers as `key(plain).startswith(words)` for every plain text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dispatch_gen.check.elements import DASHES, begins, key
from dispatch_gen.vietnamese import nfc

WORDS = ("kính gửi", "nơi nhận", "v/v")
# Letters that fold to another first letter or to several (ß → ss, ǰ → ǰ, K → k, ﬀ → ff),
# combining marks, dashes and spaces, Vietnamese capitals.
ALPHABET = st.sampled_from("KkNnVvĶķǨǩ\u212a\u1e32ßẞﬀﬁǰİı\u0301\u0323\u0300 \t/:." + DASHES
                           + "ÍíỬửƠơẬậ")  # fmt: skip


def plain(text: str) -> str:
    return " ".join(nfc(text).split())


@settings(max_examples=3000)
@given(st.lists(ALPHABET, max_size=12).map("".join), st.sampled_from(WORDS))
@example("KÍNH GỬI: Ủy ban", "kính gửi")
@example("\u212aính gửi", "kính gửi")  # KELVIN SIGN folds to k
@example("- Nơi nhận", "nơi nhận")
@example("V/v tiếp tục", "v/v")
def test_begins_is_key_startswith(text: str, words: str):
    text = plain(text)
    assert begins(text, words) == key(text).startswith(words)


def test_begins_finds_the_parts():
    assert begins("Kính gửi: Ủy ban nhân dân", "kính gửi")
    assert begins("NƠI NHẬN:", "nơi nhận")
    assert not begins("Trân trọng./.", "nơi nhận")
