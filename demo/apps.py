from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark data: the `seed_demo` and `demo_superuser` commands
    and the generator behind them, which fill a laptop's or a staging site's
    database with realistic makers, commitments, review trails and progress
    reports. It has no models, views or URLs, and the product code (coalitions,
    commitments, reporting, gentrack) never imports it: it depends on them,
    never the other way round."""

    name = "demo"
    verbose_name = "Demo data"
