using LayerNas.SearchSpaces;

namespace LayerNas.Studies;

/// <summary>A new proposal to store: the architecture and how many results the strategy had been told before it. Immutable.</summary>
public sealed record ProposedTrial(Architecture Architecture, long ToldBefore);
