"""typology."""
