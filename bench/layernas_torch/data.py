"""Data as LayerNas.Training reads, splits, normalizes, shuffles and augments it (Data/IdxReader, DataSplits,
ImageSet.ChannelStatistics, BatchLoader), with .NET's seeded System.Random (dotnet_random), so a seed gives the
same validation images, the same training batches in the same order and the same crops and flips on both sides.
"""
import gzip
import math
import os
import struct

import numpy as np
import torch

from .dotnet_random import DotNetRandom

FASHION_MNIST = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    """An unsigned-byte IDX file (raw or gzip) as a numpy array of its dimensions."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 8:
        raise ValueError(f"IDX file '{path}' is not a valid unsigned-byte IDX file")
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != int(np.prod(dims)):
        raise ValueError(f"IDX file '{path}' is truncated")
    return body.reshape(dims)


def load_idx_folder(folder):
    """(train images N x 1 x H x W uint8, train labels int64, test images, test labels) of an MNIST-style folder."""
    def find(stem):
        for name in (stem, stem + ".gz"):
            p = os.path.join(folder, name)
            if os.path.exists(p):
                return p
        raise FileNotFoundError(f"{folder} has no {stem}[.gz]")
    xtr = read_idx(find("train-images-idx3-ubyte"))[:, None, :, :]
    ytr = read_idx(find("train-labels-idx1-ubyte")).astype(np.int64)
    xte = read_idx(find("t10k-images-idx3-ubyte"))[:, None, :, :]
    yte = read_idx(find("t10k-labels-idx1-ubyte")).astype(np.int64)
    return xtr, ytr, xte, yte


def load_cifar(folder, files, test_file, label_bytes):
    """(train, train labels, test, test labels) of an extracted CIFAR binary archive: records of `label_bytes` label
    bytes (the last one is the label: CIFAR-100's fine label) and 3 x 32 x 32 pixels, as CifarReader."""
    def read(name):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: give the folder of the extracted CIFAR binary archive")
        raw = np.fromfile(path, dtype=np.uint8)
        size = label_bytes + 3 * 32 * 32
        if raw.size % size != 0:
            raise SystemExit(f"{path} is not a whole number of {size}-byte CIFAR records")
        raw = raw.reshape(-1, size)
        return raw[:, label_bytes:].reshape(-1, 3, 32, 32), raw[:, label_bytes - 1].astype(np.int64)
    train = [read(f) for f in files]
    xte, yte = read(test_file)
    return np.concatenate([x for x, _ in train]), np.concatenate([y for _, y in train]), xte, yte


def load_dataset(name):
    """`fashion-mnist` (Debian's dataset-fashion-mnist), `idx:DIR`, `cifar10:DIR` or `cifar100:DIR`, as DatasetCatalog.Load."""
    if name == "fashion-mnist":
        if not os.path.isdir(FASHION_MNIST):
            raise SystemExit("fashion-mnist is not installed: run `apt-get install dataset-fashion-mnist`")
        return load_idx_folder(FASHION_MNIST)
    if name.startswith("idx:"):
        return load_idx_folder(name[4:])
    if name.startswith("cifar10:"):
        return load_cifar(name[8:], [f"data_batch_{i}.bin" for i in range(1, 6)], "test_batch.bin", 1)
    if name.startswith("cifar100:"):
        return load_cifar(name[9:], ["train.bin"], "test.bin", 2)
    raise SystemExit(f"unknown data set '{name}': give fashion-mnist, idx:DIR, cifar10:DIR or cifar100:DIR")


def channel_statistics(images):
    """Per-channel mean and standard deviation of pixels / 255 (float32), computed as ImageSet.ChannelStatistics
    (exact integer sums, then the same double arithmetic); in chunks, so no int64 copy of the whole set."""
    n = images.shape[0] * images.shape[2] * images.shape[3]
    mean, std = [], []
    for c in range(images.shape[1]):
        s = sq = 0
        for start in range(0, images.shape[0], 4096):
            plane = images[start:start + 4096, c].astype(np.int64)
            s += int(plane.sum())
            sq += int((plane * plane).sum())
        m = s / n
        mean.append(np.float32(m / 255.0))
        std.append(np.float32(math.sqrt(max(sq / n - m * m, 1e-12)) / 255.0))
    return np.array(mean, dtype=np.float32), np.array(std, dtype=np.float32)


class Splits:
    """Train and validation from the training images by a permutation seeded like DataSplits.Create; the test set
    as published; normalization statistics of the train split."""

    def __init__(self, data, validation, seed):
        xtr, ytr, self.test_x, self.test_y = data
        n = len(ytr)
        if not 0 < validation < n:
            raise SystemExit(f"the validation split must hold 1..{n - 1} of the {n} training images, not {validation}")
        order = np.array(DotNetRandom(seed).shuffle(list(range(n))), dtype=np.int64)
        self.val_x, self.val_y = xtr[order[:validation]], ytr[order[:validation]]
        self.train_x, self.train_y = xtr[order[validation:]], ytr[order[validation:]]
        self.mean, self.std = channel_statistics(self.train_x)


class BatchLoader:
    """Normalized float32 batches (N x C x H x W) and int64 labels, as LayerNas.Training.Data.BatchLoader: with a
    DotNetRandom it shuffles every epoch and, with augment, crops (zero padding) and flips each image."""

    def __init__(self, x, y, mean, std, batch_size, rng=None, augment=False, crop_padding=0, device="cpu"):
        self.x, self.y, self.batch_size, self.rng = x, y, batch_size, rng
        self.augment = augment and rng is not None
        self.pad = crop_padding
        # x_norm = b * scale + shift, each rounded to float32 as the C# loader does.
        self.scale = (np.float32(1) / (np.float32(255) * std)).astype(np.float32)[None, :, None, None]
        self.shift = (-mean / std).astype(np.float32)[None, :, None, None]
        self.device = device

    def __len__(self):
        return (len(self.y) + self.batch_size - 1) // self.batch_size

    def _augmented(self, idx):
        p, (c, h, w) = self.pad, self.x.shape[1:]
        padded = np.zeros((len(idx), c, h + 2 * p, w + 2 * p), dtype=np.uint8)
        padded[:, :, p:p + h, p:p + w] = self.x[idx]
        out = np.empty((len(idx), c, h, w), dtype=np.uint8)
        for i in range(len(idx)):
            dy = self.rng.next_between(-p, p + 1) if p > 0 else 0
            dx = self.rng.next_between(-p, p + 1) if p > 0 else 0
            flip = self.rng.next_below(2) == 1
            crop = padded[i, :, p + dy:p + dy + h, p + dx:p + dx + w]
            out[i] = crop[:, :, ::-1] if flip else crop
        return out

    def advance(self):
        """Draws what one epoch draws (the shuffle, each image's crop and flip) without making its batches, so a run
        resumed after k epochs replays k and then sees the batches the uninterrupted run would have seen."""
        if self.rng is None:
            return
        self.rng.shuffle(list(range(len(self.y))))
        if self.augment:
            for _ in range(len(self.y)):
                if self.pad > 0:
                    self.rng.next_between(-self.pad, self.pad + 1)
                    self.rng.next_between(-self.pad, self.pad + 1)
                self.rng.next_below(2)

    def epoch(self):
        order = list(range(len(self.y)))
        if self.rng is not None:
            self.rng.shuffle(order)
        order = np.array(order, dtype=np.int64)
        for start in range(0, len(order), self.batch_size):
            idx = order[start:start + self.batch_size]
            pixels = self._augmented(idx) if self.augment else self.x[idx]
            x = pixels.astype(np.float32) * self.scale + self.shift
            yield torch.from_numpy(x).to(self.device), torch.from_numpy(self.y[idx]).to(self.device)
