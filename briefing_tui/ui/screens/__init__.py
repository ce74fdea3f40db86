"""The app's screens: library, reader, help and problems."""
