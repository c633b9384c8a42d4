"""Small files in the shape the DfE publishes on Explore education statistics."""

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,"
    "region_code,region_name,new_la_code,old_la_code,la_name,pct_20_weeks,plans_issued\n"
)
ENGLAND = "E92000001"
EAST = "E12000006"
NEIGHBOUR = "E06000055"


def row(period, level, value, *, identifier="Calendar year", issued="100"):
    places = {
        "National": f"{ENGLAND},England,,,,,",
        "Regional": f"{ENGLAND},England,{EAST},East of England,,,",
        "Local authority": f"{ENGLAND},England,{EAST},East of England,{NEIGHBOUR},822,Bedford",
    }
    return f"{period},{identifier},{level},{places[level]},{value},{issued}\n"


# The England series for the 20-week measure, as the DfE publishes it ("Education, health
# and care plans", new plans issued within 20 weeks excluding exceptions),
# with a region whose figures use the GSS symbols for missing values.
TIMELINESS = (
    HEADER
    + row(2019, "National", "60.4")
    + row(2021, "National", "59.9")
    + row(2022, "National", "49.2")
    + row(2023, "National", "50.3")
    + row(2024, "National", "46.4")
    + row(2019, "Regional", "c")
    + row(2021, "Regional", "x")
    + row(2022, "Regional", "z")
    + row(2023, "Regional", "low")
    + row(2024, "Regional", "51.0")
    + row(2023, "Local authority", "~")
    + row(2024, "Local authority", ":")
)
