using System.Buffers.Binary;
using System.Collections;
using ICSharpCode.SharpZipLib.BZip2;
using Razorvine.Pickle;

namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// Reads the official NATS-Bench files: bzip2-compressed Python pickles of plain dicts, lists, tuples and
/// numbers, plus numpy scalars (float64 parameter counts and latencies) and <c>collections.OrderedDict</c>.
/// Dicts come back as <see cref="Hashtable"/> (tuple keys as <c>object[]</c>, compared by reference), lists as
/// <see cref="ArrayList"/>, numpy scalars as <see cref="double"/> or <see cref="long"/>. Thread-safe: each call
/// uses its own unpickler.
/// </summary>
internal static class NatsPickle
{
    static NatsPickle()
    {
        // Razorvine keeps constructors in a process-wide table; registering the same ones again is harmless.
        Unpickler.registerConstructor("numpy", "dtype", new DTypeConstructor());
        Unpickler.registerConstructor("numpy.core.multiarray", "scalar", new ScalarConstructor());
        Unpickler.registerConstructor("numpy._core.multiarray", "scalar", new ScalarConstructor());
        Unpickler.registerConstructor("collections", "OrderedDict", new OrderedDictConstructor());
    }

    /// <summary>Decompresses and unpickles one file. Throws <see cref="InvalidDataException"/> when it is not a bz2 pickle.</summary>
    public static object Load(string path)
    {
        var compressed = File.ReadAllBytes(path);
        using var output = new MemoryStream(compressed.Length * 3);
        try
        {
            using (var input = new BZip2InputStream(new MemoryStream(compressed)))
                input.CopyTo(output);
            output.Position = 0;
            using var unpickler = new Unpickler();
            return unpickler.load(output);
        }
        catch (Exception ex) when (ex is not InvalidDataException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"not a bzip2-compressed Python pickle ({ex.Message})", ex);
        }
    }

    /// <summary>numpy.dtype('f8', ...) followed by BUILD with its state; only the type code and byte order matter here.</summary>
    private sealed class DType(string code)
    {
        public string Code { get; } = code;

        public bool BigEndian { get; private set; }

        // Called by the unpickler's BUILD opcode: state = (version, byteorder, ...).
        public void __setstate__(object[] state)
        {
            if (state.Length > 1 && state[1] is string order) BigEndian = order == ">";
        }
    }

    private sealed class DTypeConstructor : IObjectConstructor
    {
        public object construct(object[] args) =>
            new DType(args.Length > 0 && args[0] is string code ? code : throw new PickleException("numpy.dtype without a type code"));
    }

    private sealed class ScalarConstructor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            if (args.Length < 2 || args[0] is not DType dtype) throw new PickleException("numpy scalar without a dtype");
            byte[] raw = args[1] switch
            {
                byte[] b => b,
                string s => s.Select(c => (byte)c).ToArray(), // protocol 2 pickles carry the bytes as a latin-1 string
                _ => throw new PickleException("numpy scalar without its bytes"),
            };
            bool swap = dtype.BigEndian == BitConverter.IsLittleEndian;
            var span = raw.AsSpan();
            return dtype.Code switch
            {
                "f8" => BitConverter.Int64BitsToDouble(Int64(span, swap)),
                "f4" => (double)BitConverter.Int32BitsToSingle(Int32(span, swap)),
                "i8" => Int64(span, swap),
                "i4" => (long)Int32(span, swap),
                "u8" => (long)Int64(span, swap),
                "u4" => (long)(uint)Int32(span, swap),
                "b1" => raw[0] != 0,
                _ => throw new PickleException($"numpy scalar of unsupported type '{dtype.Code}'"),
            };
        }

        private static long Int64(ReadOnlySpan<byte> b, bool swap)
        {
            long v = BitConverter.ToInt64(b[..8]);
            return swap ? BinaryPrimitives.ReverseEndianness(v) : v;
        }

        private static int Int32(ReadOnlySpan<byte> b, bool swap)
        {
            int v = BitConverter.ToInt32(b[..4]);
            return swap ? BinaryPrimitives.ReverseEndianness(v) : v;
        }
    }

    private sealed class OrderedDictConstructor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            var table = new Hashtable();
            // OrderedDict(items) is pickled with its items as SETITEMS afterwards; a list argument is rare but legal.
            if (args.Length > 0 && args[0] is IEnumerable items)
                foreach (var item in items)
                    if (item is object[] { Length: 2 } pair) table[pair[0]] = pair[1];
            return table;
        }
    }
}
