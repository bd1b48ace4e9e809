"""The live slide preview: thumbnails of the whole deck drawn by Qt from the deck plan.

``layout`` breaks lines with the writer's measurements, ``scene`` turns a planned slide and
the template's look into a list of drawing operations (plain data, made off the GUI
thread), ``painter`` draws them with QPainter, ``worker`` plans in the background and
``thumbnails`` is the dock with the slide strip and the larger view.
"""
