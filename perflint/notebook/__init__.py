"""Jupyter notebooks: their code cells linted as one module (cells.py), with
IPython syntax neutralised (magics.py); `.ipynb` files read (reader.py), the
places of cells' sources in their JSON (layout.py), fixed cells written back
with every other byte kept (writer.py), and the CLI's entry point,
process_notebook (process.py)."""
