"""Batch (gửi từng đơn vị): one master letter, one version per row of a units table.

`rows` reads the table, `units` gives templates the row and the whole table, `letters` makes a
row's `Dispatch` from the master, `naming` decides file names, `run` renders (in one process or
several), `combined` writes the print file and the zip, `manifest` records what was written,
`command` is the click command.
"""
