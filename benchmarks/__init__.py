"""Performance benchmarks (``make bench``): medians of repeated runs, ratios in the same run."""
