"""The text catalogue: one module per part of the product; :mod:`lagesbild.i18n` merges them."""
