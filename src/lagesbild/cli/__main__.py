"""``python -m lagesbild.cli``: the same as the ``lagesbild`` command."""

import sys

from lagesbild.cli import main

sys.exit(main())
