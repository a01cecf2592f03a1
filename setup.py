"""Build hook for the optional C accelerator; all metadata is in pyproject.toml.

``kaghaz.pdf._charscan`` reads a page's characters from pdfium in C. It is optional: when it cannot
be compiled (no C compiler), the install still succeeds and kaghaz uses a slower ctypes loop.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("kaghaz.pdf._charscan", sources=["src/kaghaz/pdf/_charscan.c"], optional=True),
    ]
)
