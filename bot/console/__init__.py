"""The organisers' console in a browser: aiohttp pages drawn with Jinja2 templates.

A layer beside `handlers`: each page calls the same services and renderers as the chat (never
storage), so a curation step, a publication or a reminder is the same record whichever way it
was made. Every page is a plain form with a redirect after each action, so it works without
JavaScript. `bot.console.server` starts it on the bot's own event loop.
"""
