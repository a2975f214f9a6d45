"""Youth surveys: risk and protective factor profiles, trends, priorities and ANDT follow-up.

Modules
-------
catalogue   the scale catalogue (versioned YAML data; kommuner add their own scales)
scoring     the scoring kernel: reverse coding, minimum answered items, cut-offs (numpy)
estimate    shares and means with Wilson/Newcombe intervals on the effective sample size
disclosure  primary and secondary cell suppression
synthetic   the "syntetisk exempelenkät" generator with known parameters
codebook    the provider-to-item codebook (YAML)
importer    reading CSV, Excel and SPSS .sav files through a codebook (screened for personal data)
storage     microdata in DuckDB, wave metadata in the operational store
profile     the profile of one wave per kommun, school, grade, gender and home area
compare     trends across waves and comparisons with reference aggregates
priorities  ranked factors and the insatser that target them
andt        ANDT policy register and yearly tillsyn counts
"""
