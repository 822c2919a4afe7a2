using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using LayerNas.Export.Weights;
using LayerNas.Networks.Specs;
using Onnx;

namespace LayerNas.Export.Onnx;

/// <summary>
/// Builds an ONNX inference graph (opset <see cref="Opset"/>) from the parts of a <see cref="NetworkSpec"/>, with
/// batch norm folded into the preceding convolution: W' = W·γ/√(σ²+ε) per output channel, b' = β + (b − μ)·γ/√(σ²+ε),
/// computed in double precision. Weights come from a callback keyed by state-dict name (see
/// <see cref="StateDictLayout"/>). The model is made of the ONNX schema's generated message classes (OnnxSharp, on
/// Google.Protobuf). Not thread-safe; one builder makes one model.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>ONNX opset: 14 is the first with HardSwish; 17 is widely supported by runtimes.</summary>
    public const int Opset = 17;

    /// <summary>IR version 8 (ONNX 1.10+), accepted by every current runtime.</summary>
    public const int IrVersion = 8;

    private const int FloatType = (int)TensorProto.Types.DataType.Float;

    private readonly Func<string, long[], float[]> _weights;
    private readonly double _eps;
    private readonly GraphProto _graph = new();
    private readonly HashSet<string> _constants = [];
    private int _counter;

    public OnnxGraphBuilder(Func<string, long[], float[]> weights, double batchNormEps)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian; this machine is not.");
        _weights = weights;
        _eps = batchNormEps;
    }

    /// <summary>Declares the graph input [batch, channels, resolution, resolution] (batch symbolic when null).</summary>
    public string Input(string name, int channels, int resolution, int? batch = null)
    {
        _graph.Input.Add(ValueInfo(name, [batch, channels, resolution, resolution]));
        return name;
    }

    public string Conv(string x, string prefix, ConvSpec c) =>
        ConvUnit(x, prefix, c.InChannels, c.OutChannels, c.Kernel, c.Stride, c.Groups, c.Bias, c.BatchNorm, c.Activation);

    public string Block(string x, string prefix, BlockSpec block)
    {
        switch (block)
        {
            case ConvSpec c:
                return Conv(x, prefix, c);
            case DepthwiseSeparableSpec d:
            {
                var h = ConvUnit(x, prefix + ".depthwise", d.InChannels, d.InChannels, d.Kernel, d.Stride, d.InChannels, false, true, d.Activation);
                if (d.SqueezeExcite is { } se) h = SqueezeExcite(h, prefix + ".se", d.InChannels, se);
                return ConvUnit(h, prefix + ".pointwise", d.InChannels, d.OutChannels, 1, 1, 1, false, true, d.PointwiseActivation);
            }
            case InvertedResidualSpec r:
            {
                int e = r.ExpandedChannels;
                var h = r.HasExpand ? ConvUnit(x, prefix + ".expand", r.InChannels, e, 1, 1, 1, false, true, r.Activation) : x;
                h = ConvUnit(h, prefix + ".depthwise", e, e, r.Kernel, r.Stride, e, false, true, r.Activation);
                if (r.SqueezeExcite is { } se) h = SqueezeExcite(h, prefix + ".se", e, se);
                h = ConvUnit(h, prefix + ".project", e, r.OutChannels, 1, 1, 1, false, true, Activation.None);
                return r.HasResidual ? Node("Add", [h, x], prefix + ".add") : h;
            }
            default:
                throw new ArgumentException($"Unknown block type {block.GetType().Name}.", nameof(block));
        }
    }

    /// <summary>Global average pool, flatten, then the classifier's linear layers (dropout is the identity at inference).</summary>
    public string PoolAndClassifier(string x, NetworkSpec spec)
    {
        var h = Node("GlobalAveragePool", [x], "pool");
        h = Node("Flatten", [h], "flatten", IntAttribute("axis", 1));
        foreach (var (index, linear) in StateDictLayout.ClassifierIndices(spec))
        {
            string p = $"classifier.{index.ToString(CultureInfo.InvariantCulture)}";
            var inputs = new List<string> { h, Initializer(p + ".weight", [linear.OutFeatures, linear.InFeatures], _weights(p + ".weight", [linear.OutFeatures, linear.InFeatures])) };
            if (linear.Bias) inputs.Add(Initializer(p + ".bias", [linear.OutFeatures], _weights(p + ".bias", [linear.OutFeatures])));
            h = Node("Gemm", inputs, p, IntAttribute("transB", 1));
            h = Activate(h, linear.Activation, p);
        }
        return h;
    }

    /// <summary>The serialized ModelProto with <paramref name="output"/> as the graph output ([batch, width] when given).</summary>
    public byte[] Build(string output, string graphName, int? outputWidth, IReadOnlyDictionary<string, string>? metadata = null)
    {
        _graph.Name = graphName;
        _graph.Output.Add(ValueInfo(output, outputWidth is { } w ? [null, w] : null));
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "layernas",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = _graph,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = Opset } },
        };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }

    private string ConvUnit(string x, string prefix, int cin, int cout, int kernel, int stride, int groups, bool bias, bool batchNorm, Activation activation) =>
        ConvCore(x, prefix, prefix + ".0.weight", bias ? prefix + ".0.bias" : null, batchNorm ? prefix + ".1" : null, cin, cout, kernel, stride, groups, activation);

    private string ConvCore(string x, string prefix, string weightName, string? biasName, string? batchNorm, int cin, int cout, int kernel, int stride, int groups, Activation activation)
    {
        long[] shape = [cout, cin / groups, kernel, kernel];
        var w = _weights(weightName, shape);
        var b = biasName is null ? null : _weights(biasName, [cout]);
        if (batchNorm is not null) (w, b) = Fold(batchNorm, w, b, cout);
        var inputs = new List<string> { x, Initializer(prefix + ".weight", shape, w) };
        if (b is not null) inputs.Add(Initializer(prefix + ".bias", [cout], b));
        int pad = (kernel - 1) / 2;
        var h = Node("Conv", inputs, prefix,
            IntsAttribute("kernel_shape", [kernel, kernel]),
            IntsAttribute("strides", [stride, stride]),
            IntsAttribute("pads", [pad, pad, pad, pad]),
            IntsAttribute("dilations", [1, 1]),
            IntAttribute("group", groups));
        return Activate(h, activation, prefix);
    }

    private (float[] Weight, float[] Bias) Fold(string bn, float[] w, float[]? b, int cout)
    {
        var gamma = _weights(bn + ".weight", [cout]);
        var beta = _weights(bn + ".bias", [cout]);
        var mean = _weights(bn + ".running_mean", [cout]);
        var variance = _weights(bn + ".running_var", [cout]);
        int per = w.Length / cout;
        var fw = new float[w.Length];
        var fb = new float[cout];
        for (int o = 0; o < cout; o++)
        {
            double scale = gamma[o] / Math.Sqrt(variance[o] + _eps);
            for (int i = 0; i < per; i++) fw[o * per + i] = (float)(w[o * per + i] * scale);
            fb[o] = (float)(beta[o] + ((b?[o] ?? 0.0) - mean[o]) * scale);
        }
        return (fw, fb);
    }

    private string SqueezeExcite(string x, string prefix, int channels, SqueezeExciteSpec se)
    {
        var s = Node("GlobalAveragePool", [x], prefix + ".pool");
        // The SE convs are plain Conv2d children named fc1/fc2 (no ".0" of a conv unit, no batch norm).
        s = ConvCore(s, prefix + ".fc1", prefix + ".fc1.weight", prefix + ".fc1.bias", null, channels, se.SqueezeChannels, 1, 1, 1, se.Activation);
        s = ConvCore(s, prefix + ".fc2", prefix + ".fc2.weight", prefix + ".fc2.bias", null, se.SqueezeChannels, channels, 1, 1, 1, se.Gate);
        return Node("Mul", [x, s], prefix + ".scale");
    }

    private string Activate(string x, Activation activation, string prefix) => activation switch
    {
        Activation.None => x,
        Activation.Relu => Node("Relu", [x], prefix + ".relu"),
        Activation.Relu6 => Node("Clip", [x, Constant("const.zero", 0f), Constant("const.six", 6f)], prefix + ".relu6"),
        Activation.Hswish => Node("HardSwish", [x], prefix + ".hswish"),
        Activation.Hsigmoid => Node("HardSigmoid", [x], prefix + ".hsigmoid", FloatAttribute("alpha", 1f / 6f), FloatAttribute("beta", 0.5f)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    private string Node(string op, IReadOnlyList<string> inputs, string name, params AttributeProto[] attributes)
    {
        string output = $"{name}:{op}:{_counter++}";
        var node = new NodeProto { Name = output, OpType = op, Input = { inputs }, Output = { output }, Attribute = { attributes } };
        _graph.Node.Add(node);
        return output;
    }

    private string Constant(string name, float value)
    {
        if (_constants.Add(name)) _graph.Initializer.Add(Tensor(name, [], [value]));
        return name;
    }

    private string Initializer(string name, long[] shape, float[] data)
    {
        if (!_constants.Add(name)) throw new InvalidOperationException($"Initializer '{name}' is defined twice.");
        _graph.Initializer.Add(Tensor(name, shape, data));
        return name;
    }

    private static TensorProto Tensor(string name, long[] shape, float[] data) => new()
    {
        Name = name,
        Dims = { shape },
        DataType = FloatType,
        RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data.AsSpan())),
    };

    private static ValueInfoProto ValueInfo(string name, int?[]? dims)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = FloatType };
        if (dims is not null)
        {
            tensor.Shape = new TensorShapeProto();
            foreach (var d in dims)
                tensor.Shape.Dim.Add(d is { } v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto IntsAttribute(string name, long[] values) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } };
}
