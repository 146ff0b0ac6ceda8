"""Rendering results for people: terminal tables, Markdown, HTML reports and charts."""
