"""Use cases shared by the CLI, the web app and the Python API (layer 5).

One module per family of use cases: :mod:`.store` (create, import, list, show, export),
:mod:`.measures`, :mod:`.lagesbild`, :mod:`.sources`, :mod:`.insatser` (the insats registry),
:mod:`.tackning` (needs vs reach), :mod:`.kedjor` (the life-course chain and the målkedja),
:mod:`.sjalvskattning`, :mod:`.accounts`, :mod:`.report`, :mod:`.web` (what the web pages need),
and :mod:`.demo` (the steps of ``lagesbild demo``).
The CLI (:mod:`lagesbild.cli`) and the app (:mod:`lagesbild.app`) call only these modules.
"""
