"""The domain core: articles, parsing and the library. Nothing here imports Textual."""
