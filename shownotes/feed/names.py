"""The XML namespaces of a podcast feed (a module of its own: reading a feed, as ``check``
does, needs them without feedgen, which only :mod:`.build` uses)."""

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
PSC_NS = "http://podlove.org/simple-chapters"
