"""View models: the plain, frozen data that services build and renderers draw.

Nothing here reaches storage or services; a method on a model only looks at the model's own
fields, so a renderer given a model needs nothing else.
"""
