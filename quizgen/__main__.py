"""Run the command line as ``python -m quizgen``."""

from quizgen.cli import main

main()
