"""Personal-number screening (lagesbild.privacy) on a corpus of positive and negative cases.

The valid numbers below were checked by hand with the Luhn rule (weights 2,1,2,… over the ten
digits ÅÅMMDDNNNK, digit sums of the products, total divisible by 10); the samordningsnummer
701063-2391 and the test numbers 811228-9874 and 640823-3234 are examples published by
Skatteverket / in the literature.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagesbild.errors import PersonalDataError
from lagesbild.privacy import find_personal_numbers, probable_names, screen_frame, screen_text

POSITIVE = [
    "121212-1212", "121212+1212", "121212 1212", "1212121212",
    "19121212-1212", "19121212+1212", "19121212 1212", "191212121212",
    "811228-9874", "640823-3234", "19640823-3234",
    "701063-2391", "197010632391", "19701063 2391",  # samordningsnummer (day 03 + 60)
    "20000229-1235",  # 29 February in a leap year
    "010229-1234",  # 29 February without century: the year may be a leap year
]

NEGATIVE = [
    "556677-8899",  # organisation number, Luhn-valid, month field 66
    "212000-0142",  # Stockholms kommun, Luhn-valid, month field 20
    "5566778899", "16556677-8899",
    "121212-1213",  # wrong check digit
    "121232-1234",  # day 32 with a valid check digit
    "19010229-1234",  # 29 February 1901 does not exist
    "1191212121212", "19121212-12120", "91212121212",  # part of a longer digit run
    "0180C1010", "2019-2023", "1 234 567", "070-123 45 67", "0701234567",
    "SE556677889901", "", "12121-21212",
]


@pytest.mark.parametrize("value", POSITIVE)
def test_personal_numbers_are_found(value):
    assert find_personal_numbers(value) == [value]
    assert find_personal_numbers(f"Anna Andersson {value}, Rinkeby") == [value]
    with pytest.raises(PersonalDataError) as err:
        screen_text(f"kontakt: {value}", where_sv="Fältet 'namn'", where_en="The field 'name'")
    msg = err.value.message("sv")
    assert "Fältet 'namn'" in msg and value not in msg and "\n" not in msg
    assert "The field 'name'" in err.value.message("en")


@pytest.mark.parametrize("value", NEGATIVE)
def test_other_numbers_pass(value):
    assert find_personal_numbers(value) == []
    screen_text(value, where_sv="x", where_en="x")


def test_several_in_one_text():
    assert find_personal_numbers("19121212-1212 och 811228-9874; 556677-8899") == [
        "19121212-1212", "811228-9874"]


def _luhn_check_digit(nine: str) -> str:
    # Independent formulation: from the right, double every other digit of the payload.
    total = 0
    for i, ch in enumerate(reversed(nine)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return str((10 - total % 10) % 10)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)),
       serial=st.integers(0, 999), samordning=st.booleans(), century=st.booleans(),
       sep=st.sampled_from(["-", "+", " ", ""]))
def test_every_valid_number_is_found(day, serial, samordning, century, sep):
    dd = day.day + (60 if samordning else 0)
    date6 = f"{day.year % 100:02d}{day.month:02d}{dd:02d}"
    nine = date6 + f"{serial:03d}"
    number = (f"{day.year // 100}" if century else "") + date6 + sep + f"{serial:03d}" + _luhn_check_digit(nine)
    assert find_personal_numbers(f"text {number} text") == [number]
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert find_personal_numbers(wrong) == []


def test_screen_frame_names_file_row_and_column_but_not_the_value():
    df = pd.DataFrame({"omrade": ["0180C1010", "Anna 19121212-1212", "x"], "n": [1, 2, 3]})
    with pytest.raises(PersonalDataError) as err:
        screen_frame(df, file="data.csv")
    msg = err.value.message("sv")
    assert "data.csv" in msg and "rad 3" in msg and "'omrade'" in msg and "1212" not in msg
    with pytest.raises(PersonalDataError) as err:
        screen_frame(df.iloc[1:], file="data.csv", first_row=1001)
    assert "rad 1001" in err.value.message("sv")
    screen_frame(df, file="data.csv", columns=["n"])  # only the screened columns count


def test_screen_frame_integer_column_and_column_name():
    with pytest.raises(PersonalDataError, match="rad 2"):
        screen_frame(pd.DataFrame({"id": [191212121212, 5]}), file="f.csv")
    screen_frame(pd.DataFrame({"id": [5566778899, 1, 2]}), file="f.csv")
    with pytest.raises(PersonalDataError, match="Personnummer"):
        screen_frame(pd.DataFrame({"Personnummer": ["a"]}), file="f.csv")


def test_organisation_numbers_in_a_frame_pass():
    screen_frame(pd.DataFrame({"org": ["556677-8899", "212000-0142"]}), file="f.csv")


def test_probable_names_is_a_heuristic():
    assert probable_names("Samtal med Anna Andersson i Rinkeby") == ["Anna Andersson"]
    assert probable_names("Ett möte med Kalle Karlsson") == ["Kalle Karlsson"]
    assert probable_names("Rinkeby Kista stadsdelsområde") == []
    assert probable_names("") == []
