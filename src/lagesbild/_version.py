"""The version of lagesbild (one place; the package root and the stores read it from here)."""

__version__ = "0.1.0"
