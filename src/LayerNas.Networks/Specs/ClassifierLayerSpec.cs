using System.Text.Json.Serialization;

namespace LayerNas.Networks.Specs;

/// <summary>
/// One layer of the classifier after global pooling and flattening. JSON: <c>"type"</c> = <c>linear</c> or
/// <c>dropout</c>. Immutable.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(LinearSpec), "linear")]
[JsonDerivedType(typeof(DropoutSpec), "dropout")]
public abstract record ClassifierLayerSpec;
