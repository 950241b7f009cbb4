"""samverkan: Swedish regional development reports as a knowledge graph."""
__version__ = "0.1.0"
