"""lanzarote-kg: a knowledge graph of international cooperation against the
sexual exploitation and sexual abuse of children, built from the Council of
Europe background paper for the Rome conference of 29-30 November 2012."""

__version__ = "0.1.0"
