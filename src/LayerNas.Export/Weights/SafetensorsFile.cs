using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LayerNas.Export.Weights;

/// <summary>
/// The safetensors format (Hugging Face): an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON
/// <c>{"__metadata__": {...}, "NAME": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...}</c>
/// padded with spaces to a multiple of 8, then the tensors' raw little-endian bytes back to back (offsets relative to
/// the end of the header). Tensors are written in the given order. Pure and thread-safe.
/// </summary>
public static class SafetensorsFile
{
    public static void Write(string path, IEnumerable<TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = File.Create(path);
        Write(stream, tensors, metadata);
    }

    public static void Write(Stream stream, IEnumerable<TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian; this machine is not.");
        var list = tensors.ToList();
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata) meta[k] = v;
            header["__metadata__"] = meta;
        }
        long offset = 0;
        foreach (var t in list)
        {
            long bytes = t.Floats is not null ? 4L * t.Floats.Length : 8L * t.Longs!.Length;
            header[t.Name] = new JsonObject
            {
                ["dtype"] = t.Floats is not null ? "F32" : "I64",
                ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var t in list)
        {
            if (t.Floats is not null) stream.Write(MemoryMarshal.AsBytes(t.Floats.AsSpan()));
            else stream.Write(MemoryMarshal.AsBytes(t.Longs!.AsSpan()));
        }
    }

    /// <summary>Reads every tensor (F32 and I64 only) and the metadata of a safetensors file.</summary>
    public static (IReadOnlyList<TensorData> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"{path}: too short for a safetensors file.");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > (ulong)(bytes.Length - 8)) throw new InvalidDataException($"{path}: header length {n} is past the end of the file.");
        using var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)n));
        var data = bytes.AsSpan(8 + (int)n);
        var tensors = new List<TensorData>();
        var metadata = new Dictionary<string, string>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name == "__metadata__")
            {
                foreach (var m in p.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                continue;
            }
            var shape = p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var offsets = p.Value.GetProperty("data_offsets").EnumerateArray().Select(e => (int)e.GetInt64()).ToArray();
            var slice = data[offsets[0]..offsets[1]];
            tensors.Add(p.Value.GetProperty("dtype").GetString() switch
            {
                "F32" => TensorData.Float(p.Name, shape, MemoryMarshal.Cast<byte, float>(slice).ToArray()),
                "I64" => TensorData.Int64(p.Name, shape, MemoryMarshal.Cast<byte, long>(slice).ToArray()),
                var d => throw new InvalidDataException($"{path}: tensor '{p.Name}' has dtype {d}; only F32 and I64 are read."),
            });
        }
        return (tensors, metadata);
    }
}
