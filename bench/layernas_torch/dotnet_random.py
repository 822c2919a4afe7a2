"""System.Random of .NET as `new Random(seed)` makes it (the seeded, .NET Framework-compatible generator).

LayerNas.Training draws its train/validation split, its epoch shuffles and its augmentation from seeded
`System.Random` instances; this class reproduces those draws bit for bit, so the PyTorch reference trains on the
same images in the same order as `layernas train` for the same seed. Knuth's subtractive generator, as in the .NET
runtime's Net5CompatSeedImpl; `shuffle` is `Random.Shuffle` (.NET 8+).
"""

_INT_MAX = 2147483647
_MSEED = 161803398


class DotNetRandom:
    """Same sequence as .NET's `new System.Random(seed)`. Not thread-safe."""

    def __init__(self, seed):
        seed = int(seed)
        if not -2147483648 <= seed <= _INT_MAX:
            raise ValueError(f"seed {seed} is not a 32-bit integer")
        a = [0] * 56
        mj = _MSEED - (_INT_MAX if seed == -2147483648 else abs(seed))
        a[55] = mj
        mk, ii = 1, 0
        for _ in range(1, 55):
            ii += 21
            if ii >= 55:
                ii -= 55
            a[ii] = mk
            mk = mj - mk
            if mk < 0:
                mk += _INT_MAX
            mj = a[ii]
        for _ in range(4):
            for i in range(1, 56):
                n = i + 30
                if n >= 55:
                    n -= 55
                a[i] -= a[1 + n]
                if a[i] < 0:
                    a[i] += _INT_MAX
        self._a, self._inext, self._inextp = a, 0, 21

    def _sample(self):
        i = self._inext + 1
        if i >= 56:
            i = 1
        j = self._inextp + 1
        if j >= 56:
            j = 1
        a = self._a
        r = a[i] - a[j]
        if r == _INT_MAX:
            r -= 1
        if r < 0:
            r += _INT_MAX
        a[i] = r
        self._inext, self._inextp = i, j
        return r * (1.0 / _INT_MAX)

    def next_below(self, max_value):
        """`Next(maxValue)`: 0 <= result < max_value."""
        return int(self._sample() * max_value)

    def next_between(self, min_value, max_value):
        """`Next(minValue, maxValue)`: min_value <= result < max_value (ranges up to 2^31 - 1)."""
        span = max_value - min_value
        if span > _INT_MAX:
            raise ValueError("ranges over 2^31 - 1 are not reproduced")
        return int(self._sample() * span) + min_value

    def shuffle(self, values):
        """`Shuffle(values)` in place (Fisher-Yates from the front)."""
        n = len(values)
        for i in range(n - 1):
            j = self.next_between(i, n)
            if j != i:
                values[i], values[j] = values[j], values[i]
        return values
