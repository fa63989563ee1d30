"""Geography: the gazetteer trocha owns and the resolution of place mentions in context."""

from trocha.geo.entry import GeoEntry, distance_km
from trocha.geo.gazetteer import Gazetteer, load

__all__ = ["Gazetteer", "GeoEntry", "distance_km", "load"]
