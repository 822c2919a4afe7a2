"""Costs of a torch.nn.Module as PyTorch sees it, under LayerNas' conventions (docs/spaces.md)."""
import torch


def count(model, resolution, channels=3):
    """(parameters, multiply-adds) at batch 1: parameters = sum of numel() over module.parameters(); MAdds by forward
    hooks, Conv2d: out.numel() * (in_channels / groups) * kh * kw, Linear: in_features * out_features (biases, batch
    norm, activations, pooling and the SE channel scaling not counted). Runs one eval-mode forward pass of zeros; the
    model is left in eval mode, without the hooks."""
    madds = [0]

    def conv_hook(module, inputs, output):
        kh, kw = module.kernel_size
        madds[0] += output.numel() * (module.in_channels // module.groups) * kh * kw

    def linear_hook(module, inputs, output):
        madds[0] += output.numel() // module.out_features * module.in_features * module.out_features

    handles = []
    for m in model.modules():
        if isinstance(m, torch.nn.Conv2d):
            handles.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, torch.nn.Linear):
            handles.append(m.register_forward_hook(linear_hook))
    model.eval()
    device = next(model.parameters()).device
    try:
        with torch.no_grad():
            model(torch.zeros(1, channels, resolution, resolution, device=device))
    finally:
        for h in handles:
            h.remove()
    params = sum(p.numel() for p in model.parameters())
    return params, madds[0]
