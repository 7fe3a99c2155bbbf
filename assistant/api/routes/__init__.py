"""Thin routes: parse, authorise, call one function, shape the response."""
