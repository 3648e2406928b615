"""Every output a quiz renders to."""
