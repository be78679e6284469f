import sys

from longview_training.cli import main

sys.exit(main())
