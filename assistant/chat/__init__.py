"""The conversation: route a message, run its tool, answer, remember."""
