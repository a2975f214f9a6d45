"""Crime prevention under Lag (2023:196): statistics, utsatta områden, EST incidents, analysis, plan.

Modules
-------
bra         Brå's kommunindikatorer (long format) parsed with NTU intervals and respondent counts
utsatta     Polisen's utsatta områden and their overlay on DeSO/RegSO
kategorier  the configurable incident taxonomy (EST seed list)
perioder    ISO weeks, tertial and years as period keys
forandring  the change rule: exact conditional test of two Poisson counts
handelser   the incident model, validation and file import (screened for personal data)
analys      counts, rates, changes, ranking, hot-spots and the weekly meeting list
plan        åtgärdsplan (orsaksträd), medborgarlöften, samordningsfunktion
tabeller    the operational-store tables and their access rules (ownership, review)
"""
