"""Review of a draft: a letter as plain text (`reading`), the word diff of two versions (`diff`),
and a Word redline with tracked changes (`redline`, settled again by `changes`)."""
