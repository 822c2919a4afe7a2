"""PyTorch counterpart of LayerNas.Training: build a torch.nn.Module from a LayerNas network spec
(`build_module`), and train it exactly as `layernas train` does (`train`). Import it with bench/ on sys.path:

    from layernas_torch import build_module          # the module of a spec (dict, JSON text or file)
    from layernas_torch import train                 # the reference trainer (bench/torch_reference.py train)

`layernas_torch.network` needs only torch; `data` and `training` also need numpy.
"""
from .network import Network, build_module, parameter_count, set_dropout_generator

__all__ = ["Network", "build_module", "parameter_count", "set_dropout_generator", "train"]


def train(*args, **kwargs):
    """layernas_torch.training.train (imported on first use, so building a module needs no numpy)."""
    from .training import train as _train
    return _train(*args, **kwargs)
