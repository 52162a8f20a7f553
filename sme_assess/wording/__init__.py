"""Results in words: reason texts, the action plan and estimates as people read them."""
