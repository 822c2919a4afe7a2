#!/usr/bin/env python3
"""Example external trainer for `layernas search --evaluator command --command "python3 examples/train_candidate.py"`.

LayerNas runs this script once per trial attempt, without a shell, with the trial file's path as the last
argument (also in $LAYERNAS_TRIAL_FILE). The file holds the study, trial number, attempt, slot, seed, the
architecture ("arch", "options") and each layer's name and option label ("layers"), an optional network
"spec", free-form "settings" and "output_dir" (this attempt's folder, for checkpoints). The script must print
its result as the LAST line of stdout: {"reward": <validation accuracy>, "metrics": {...}}. Anything else on
stdout/stderr is kept in the attempt's folder. A non-zero exit, a timeout or a bad last line fails the attempt.

$LAYERNAS_SLOT (0..N-1 with --parallel N) picks the GPU: several slots per GPU is normal for small models.

With PyTorch installed this trains a tiny CNN whose layers follow the chosen options on random data (replace
`make_data` with your dataset); without PyTorch it falls back to a deterministic stand-in score, so the
plumbing can be tried anywhere.
"""
import json
import os
import sys
import zlib


def load_trial():
    with open(sys.argv[-1] if len(sys.argv) > 1 else os.environ["LAYERNAS_TRIAL_FILE"]) as f:
        return json.load(f)


def stand_in_score(trial):
    # Deterministic per architecture, so a resumed or distributed study gives the same result.
    return 50 + (zlib.crc32(trial["arch"].encode()) % 4000) / 100


def train_with_torch(trial):
    import torch
    from torch import nn

    slot = int(os.environ.get("LAYERNAS_SLOT", "0"))
    device = f"cuda:{slot % torch.cuda.device_count()}" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(trial["seed"])
    widths = [16 * (1 + option) for option in trial["options"]]
    layers, channels = [], 3
    for width in widths:
        layers += [nn.Conv2d(channels, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU()]
        channels = width
    model = nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 10)).to(device)
    epochs = int(trial["settings"].get("epochs", "1"))
    x, y = torch.randn(256, 3, 16, 16, device=device), torch.randint(0, 10, (256,), device=device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        print(f"epoch {epoch + 1}/{epochs} loss {loss.item():.4f}", flush=True)
    with torch.no_grad():
        accuracy = (model(x).argmax(1) == y).float().mean().item() * 100
    torch.save(model.state_dict(), os.path.join(trial["output_dir"], "model.pt"))
    return accuracy, {"params": sum(p.numel() for p in model.parameters())}


def main():
    trial = load_trial()
    print(f"trial {trial['trial']} attempt {trial['attempt']} slot {trial['slot']}: {trial['arch']}", flush=True)
    try:
        reward, metrics = train_with_torch(trial)
    except ImportError:
        reward, metrics = stand_in_score(trial), {"stand_in": 1}
    print(json.dumps({"reward": reward, "metrics": metrics}))


if __name__ == "__main__":
    main()
