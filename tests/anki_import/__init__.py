"""Tests that import quizgen's decks into a real Anki collection."""
