"""Command line (placeholder during bootstrap; replaced by the build/check commands)."""


def main() -> int:
    raise NotImplementedError
