"""`python -m dispatch_gen` runs the command line."""

from dispatch_gen.cli import main

main()
