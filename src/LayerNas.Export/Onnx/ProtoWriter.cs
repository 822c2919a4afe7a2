using Google.Protobuf;

namespace LayerNas.Export.Onnx;

/// <summary>
/// Writes one protobuf message field by field with Google.Protobuf's wire-format encoder. Nested messages are
/// written into their own writer and embedded length-prefixed. Field numbers are those of the ONNX schema
/// (onnx/onnx.proto, MIT, ONNX Project Contributors); see <see cref="OnnxGraphBuilder"/>.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _out;

    public ProtoWriter() => _out = new CodedOutputStream(_buffer, leaveOpen: true);

    public ProtoWriter String(int field, string? value)
    {
        if (value is null) return this;
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteString(value);
        return this;
    }

    public ProtoWriter Int64(int field, long value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteInt64(value);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        _out.WriteTag(field, WireFormat.WireType.Fixed32);
        _out.WriteFloat(value);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    /// <summary>A repeated int64 field, packed (as proto3 does by default; proto2 parsers accept both encodings).</summary>
    public ProtoWriter PackedInt64(int field, IReadOnlyList<long> values)
    {
        if (values.Count == 0) return this;
        int size = values.Sum(v => CodedOutputStream.ComputeInt64Size(v));
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteLength(size);
        foreach (var v in values) _out.WriteInt64(v);
        return this;
    }

    /// <summary>A repeated int64 field, one tag per value (the encoding ONNX's proto2 schema declares for attribute ints).</summary>
    public ProtoWriter RepeatedInt64(int field, IReadOnlyList<long> values)
    {
        foreach (var v in values) Int64(field, v);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message)
    {
        var bytes = message.ToArray();
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteBytes(ByteString.CopyFrom(bytes));
        return this;
    }

    public byte[] ToArray()
    {
        _out.Flush();
        return _buffer.ToArray();
    }
}
