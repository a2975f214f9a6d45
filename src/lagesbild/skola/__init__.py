"""Schools and likvärdighet: schools placed in their areas and the segregation of results.

Modules: :mod:`~lagesbild.skola.placement` (DeSO/RegSO and områdestyp from coordinates),
:mod:`~lagesbild.skola.counts` (eligible pupils derived from shares, with rounding bounds),
:mod:`~lagesbild.skola.likvardighet` (D and M of results across schools, spread, gaps, trends).
Every measure describes the segregation of *results* between schools, not of pupils' background.
"""
