"""Static analysis of the content: `lint` (findings per rule and offer) and `gaps` (coverage map).

Both rest on `space`: the signal space cut into the classes of values that the content's own
conditions tell apart, so that questions about *every* casus can be answered exactly by looking
at a handful of representatives instead of millions of combinations.
"""
