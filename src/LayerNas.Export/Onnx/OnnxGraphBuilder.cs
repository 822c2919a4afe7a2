using System.Globalization;
using System.Runtime.InteropServices;
using LayerNas.Export.Weights;
using LayerNas.Networks.Specs;

namespace LayerNas.Export.Onnx;

/// <summary>
/// Builds an ONNX inference graph (opset <see cref="Opset"/>) from the parts of a <see cref="NetworkSpec"/>, with
/// batch norm folded into the preceding convolution: W' = W·γ/√(σ²+ε) per output channel, b' = β + (b − μ)·γ/√(σ²+ε),
/// computed in double precision. Weights come from a callback keyed by state-dict name (see
/// <see cref="StateDictLayout"/>). Field numbers are those of the ONNX schema (onnx.proto). Not thread-safe; one
/// builder makes one model.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>ONNX opset: 14 is the first with HardSwish; 17 is widely supported by runtimes.</summary>
    public const int Opset = 17;

    /// <summary>IR version 8 (ONNX 1.10+), accepted by every current runtime.</summary>
    public const int IrVersion = 8;

    private const int FloatType = 1;

    private readonly Func<string, long[], float[]> _weights;
    private readonly double _eps;
    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ProtoWriter> _inputs = [];
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
        _inputs.Add(ValueInfo(name, [batch, channels, resolution, resolution]));
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
        h = Node("Flatten", [h], "flatten", a => a.Add(IntAttribute("axis", 1)));
        foreach (var (index, linear) in StateDictLayout.ClassifierIndices(spec))
        {
            string p = $"classifier.{index.ToString(CultureInfo.InvariantCulture)}";
            var inputs = new List<string> { h, Initializer(p + ".weight", [linear.OutFeatures, linear.InFeatures], _weights(p + ".weight", [linear.OutFeatures, linear.InFeatures])) };
            if (linear.Bias) inputs.Add(Initializer(p + ".bias", [linear.OutFeatures], _weights(p + ".bias", [linear.OutFeatures])));
            h = Node("Gemm", inputs, p, a => a.Add(IntAttribute("transB", 1)));
            h = Activate(h, linear.Activation, p);
        }
        return h;
    }

    /// <summary>The serialized ModelProto with <paramref name="output"/> as the graph output ([batch, width] when given).</summary>
    public byte[] Build(string output, string graphName, int? outputWidth, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var graph = new ProtoWriter();
        foreach (var n in _nodes) graph.Message(1, n);
        graph.String(2, graphName);
        foreach (var t in _initializers) graph.Message(5, t);
        foreach (var i in _inputs) graph.Message(11, i);
        graph.Message(12, ValueInfo(output, outputWidth is { } w ? [null, w] : null));

        var model = new ProtoWriter()
            .Int64(1, IrVersion)
            .String(2, "layernas")
            .String(3, typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Int64(2, Opset));
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            model.Message(14, new ProtoWriter().String(1, key).String(2, value));
        return model.ToArray();
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
        var h = Node("Conv", inputs, prefix, a =>
        {
            a.Add(IntsAttribute("kernel_shape", [kernel, kernel]));
            a.Add(IntsAttribute("strides", [stride, stride]));
            a.Add(IntsAttribute("pads", [pad, pad, pad, pad]));
            a.Add(IntsAttribute("dilations", [1, 1]));
            a.Add(IntAttribute("group", groups));
        });
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
        Activation.Hsigmoid => Node("HardSigmoid", [x], prefix + ".hsigmoid", a =>
        {
            a.Add(FloatAttribute("alpha", 1f / 6f));
            a.Add(FloatAttribute("beta", 0.5f));
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    private string Node(string op, IReadOnlyList<string> inputs, string name, Action<List<ProtoWriter>>? attributes = null)
    {
        string output = $"{name}:{op}:{_counter++}";
        var node = new ProtoWriter();
        foreach (var i in inputs) node.String(1, i);
        node.String(2, output).String(3, output).String(4, op);
        var list = new List<ProtoWriter>();
        attributes?.Invoke(list);
        foreach (var a in list) node.Message(5, a);
        _nodes.Add(node);
        return output;
    }

    private string Constant(string name, float value)
    {
        if (_constants.Add(name)) _initializers.Add(Tensor(name, [], [value]));
        return name;
    }

    private string Initializer(string name, long[] shape, float[] data)
    {
        if (!_constants.Add(name)) throw new InvalidOperationException($"Initializer '{name}' is defined twice.");
        _initializers.Add(Tensor(name, shape, data));
        return name;
    }

    private static ProtoWriter Tensor(string name, long[] shape, float[] data) => new ProtoWriter()
        .RepeatedInt64(1, shape)
        .Int64(2, FloatType)
        .String(8, name)
        .Bytes(9, MemoryMarshal.AsBytes(data.AsSpan()));

    private static ProtoWriter ValueInfo(string name, int?[]? dims)
    {
        var tensor = new ProtoWriter().Int64(1, FloatType);
        if (dims is not null)
        {
            var shape = new ProtoWriter();
            foreach (var d in dims)
                shape.Message(1, d is { } v ? new ProtoWriter().Int64(1, v) : new ProtoWriter().String(2, "batch"));
            tensor.Message(2, shape);
        }
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensor));
    }

    private static ProtoWriter IntAttribute(string name, long value) => new ProtoWriter().String(1, name).Int64(3, value).Int64(20, 2);

    private static ProtoWriter FloatAttribute(string name, float value) => new ProtoWriter().String(1, name).Float(2, value).Int64(20, 1);

    private static ProtoWriter IntsAttribute(string name, long[] values) => new ProtoWriter().String(1, name).RepeatedInt64(8, values).Int64(20, 7);

}
