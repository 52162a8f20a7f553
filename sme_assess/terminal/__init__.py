"""The terminal face: Rich renderables for score, explain and compare (nothing prints here)."""
