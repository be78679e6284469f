import os
import sys

import torch

# Tests import the package from training/ (./dev sets PYTHONPATH too) and the snapshot builders from here.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "training"))
sys.path.insert(0, HERE)
torch.set_num_threads(1)
