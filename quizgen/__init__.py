"""quizgen: media-literacy quizzes and Anki decks from curated items about a news article."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("quizgen")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
