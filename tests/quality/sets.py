"""The development and held-out article sets (corpus keys and files written for the tests).

Corpus pages come from the shared article-extraction corpus (not in this repository); the
held-out set is only measured on, never tuned on.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
DATA = PROJECT / "tests" / "data"
CORPUS = Path(
    os.environ.get("QUIZAPP_EXTRACTION_CORPUS", PROJECT.parent / "shared/corpus/article-extraction")
)

# Each set: corpus page key prefixes, then files under tests/data written for the tests.
SETS: dict[str, tuple[list[str], list[str]]] = {
    # Development: sports, business, science, health, politics, explainer, editorial, review,
    # how-to and fact check pages, plus the three articles of the gold-list harness.
    "dev": (
        [
            "0d46122928", "098bb3e96c", "14cc2a0ca5", "16c30add7e", "1ee91d1fce", "2f42ef1d3e",
            "3c5bf8db42", "42aad16bde", "5fa3154ec0", "63db31a161", "7bb1ca9035", "7de5241947",
            "7f93c1944a", "9e8c9f082a", "a1fca19b88", "b0cf2bbf01", "b6906ca016", "c7e39ac49f",
            "d0382c0d95", "e593d7fe88",
        ],
        ["seed_article.txt", "science_webb.txt", "history_hansa.txt"],
    ),
    # Held out, one set per round, each chosen (and its texts written) after the changes it
    # measures: long-form, science, news, music, politics and analysis pages …
    "heldout": (
        ["3d8f3404cf", "686bb170ef", "c58aa507c4", "9cb8224b66", "82b6d780c7", "5fa5679de5"],
        [
            "heldout/encyclopedia_panama_canal.txt", "heldout/science_tardigrades.txt",
            "heldout/analysis_four_day_week.txt", "heldout/news_bridge_reopening.txt",
        ],
    ),
    # … auto show, politics, basketball, business, health scare and car review pages …
    "heldout2": (
        ["05844573ca", "7a664e40d2", "eecd257509", "374ac9a59a", "ba4dfe2d3e", "3cb22bfabe"],
        [
            "heldout2/biography_rosalind_franklin.txt", "heldout2/explainer_lithium_batteries.txt",
            "heldout2/feature_tour_de_france.txt",
        ],
    ),
    "heldout3": (
        [
            "291a8bf33e", "2c46804d9d", "33fe2471fd", "360c732d1f", "921019755f", "87bf60570e",
            "d1c57d7821",
        ],
        [
            "heldout3/geography_great_barrier_reef.txt",
            "heldout3/economics_inflation_explainer.txt", "heldout3/history_printing_press.txt",
        ],
    ),
    "heldout4": (
        [
            "076f4f33bf", "156770d676", "65408257db", "6ebac05f63", "bc13ff87b2", "c90731f051",
            "ffc109d474",
        ],
        [
            "heldout4/science_black_holes.txt", "heldout4/history_berlin_wall.txt",
            "heldout4/health_sleep_science.txt",
        ],
    ),
    "heldout5": (
        [
            "0e014df693", "785affa2c3", "961bd85ca8", "e4c6a3b482", "eb62ac8425", "f8ff621a0b",
            "5f03fc173e",
        ],
        [
            "heldout5/history_apollo_11.txt", "heldout5/science_honeybees.txt",
            "heldout5/analysis_remote_work.txt",
        ],
    ),
    "heldout6": (
        [
            "bdb56ac835", "bd673bd798", "5a822960e9", "7916ecca96", "d48aeb9cf2", "851498a2b9",
            "833caf3bdb",
        ],
        [
            "heldout6/history_transcontinental_railroad.txt",
            "heldout6/science_plate_tectonics.txt",
            "heldout6/analysis_congestion_charging.txt",
        ],
    ),
    "heldout7": (
        [
            "3f65af7b6b", "51d066b060", "624fcd903d", "dc7ccccc1f", "6a72de37e8", "3cb5e2f466",
            "d605bdef2c",
        ],
        [
            "heldout7/history_titanic.txt", "heldout7/health_antibiotic_resistance.txt",
            "heldout7/biography_ada_lovelace.txt",
        ],
    ),
    "heldout8": (
        [
            "1ace8c85aa", "5f9c5ed5d6", "aade2ec8d1", "d90bda7ed1", "5fbc7ccb50", "ec3878db7e",
            "57e2e98887",
        ],
        [
            "heldout8/engineering_hoover_dam.txt", "heldout8/science_vaccines_measles.txt",
            "heldout8/economics_hyperinflation_weimar.txt",
        ],
    ),
    "heldout9": (
        [
            "432362af0b", "e100c9612a", "776a1c0467", "30b771a40a", "4a44ab3e4c", "c467d50755",
            "5caf91b8a4",
        ],
        [
            "heldout9/history_golden_gate_bridge.txt", "heldout9/science_coral_bleaching.txt",
            "heldout9/sport_marathon_history.txt",
        ],
    ),
    # The shared corpus has no unused English page of useful length left: ten texts written
    # for this round, news, business and sport reports among them.
    "heldout10": (
        [],
        [
            "heldout10/news_flood_defences.txt", "heldout10/science_deep_sea_vents.txt",
            "heldout10/history_silk_road.txt", "heldout10/analysis_urban_trees.txt",
            "heldout10/sport_report_cup_final.txt", "heldout10/biography_alan_turing.txt",
            "heldout10/business_news_chipmaker_results.txt", "heldout10/encyclopedia_octopus.txt",
            "heldout10/health_explainer_iron_deficiency.txt",
            "heldout10/technology_history_transistor.txt",
        ],
    ),
    # Five texts and five saved-page lookalikes written for this round (site menus, cookie
    # banners, captions, related links around the article).
    "heldout12": (
        [],
        [
            "heldout12/biography_marie_curie.txt",
            "heldout12/history_transatlantic_telegraph.txt",
            "heldout12/news_court_ruling.txt",
            "heldout12/page_business_news_bakery_chain.html",
            "heldout12/page_culture_feature_jazz_festival.html",
            "heldout12/page_health_news_heatwave.html",
            "heldout12/page_local_news_bus_lanes.html",
            "heldout12/page_science_news_exoplanet.html",
            "heldout12/science_explainer_crispr.txt",
            "heldout12/sport_feature_cricket_world_cup_history.txt",
        ],
    ),
    "heldout13": (
        [],
        [
            "heldout13/biography_ernest_shackleton.txt",
            "heldout13/economics_explainer_central_bank_rates.txt",
            "heldout13/history_great_fire_of_london.txt",
            "heldout13/news_school_closures.txt",
            "heldout13/page_environment_news_river_pollution.html",
            "heldout13/page_history_blog_rosetta_stone.html",
            "heldout13/page_sport_report_marathon.html",
            "heldout13/page_tech_news_phone_launch.html",
            "heldout13/page_travel_feature_kyoto.html",
            "heldout13/science_explainer_northern_lights.txt",
        ],
    ),
    "heldout14": (
        [],
        [
            "heldout14/analysis_congestion_on_rail.txt",
            "heldout14/biography_frederick_douglass.txt",
            "heldout14/history_apollo_13.txt",
            "heldout14/news_airport_expansion.txt",
            "heldout14/page_business_news_ev_battery_plant.html",
            "heldout14/page_crime_court_report_fraud_trial.html",
            "heldout14/page_food_feature_sourdough.html",
            "heldout14/page_science_news_mammoth_genome.html",
            "heldout14/page_weather_news_storm.html",
            "heldout14/science_explainer_volcanoes.txt",
        ],
    ),
    "heldout15": (
        [],
        [
            "heldout15/biography_katherine_johnson.txt",
            "heldout15/history_suffrage_new_zealand.txt",
            "heldout15/news_library_funding_cuts.txt",
            "heldout15/page_education_news_exam_results.html",
            "heldout15/page_local_news_park_restoration.html",
            "heldout15/page_science_news_bird_migration.html",
            "heldout15/page_tech_feature_quantum_computing.html",
            "heldout15/page_transport_news_rail_strike.html",
            "heldout15/science_explainer_ocean_currents.txt",
            "heldout15/sport_report_rugby_final.txt",
        ],
    ),
    "heldout16": (
        [],
        [
            "heldout16/biography_nelson_mandela.txt",
            "heldout16/business_news_airline_results.txt",
            "heldout16/history_chernobyl_disaster.txt",
            "heldout16/news_hospital_ai_scans.txt",
            "heldout16/page_arts_review_theatre.html",
            "heldout16/page_consumer_news_energy_bills.html",
            "heldout16/page_politics_news_budget.html",
            "heldout16/page_science_news_coral_spawning.html",
            "heldout16/page_sport_report_tennis_final.html",
            "heldout16/science_explainer_photosynthesis.txt",
        ],
    ),
    "heldout17": (
        [],
        [
            "heldout17/biography_rachel_carson.txt",
            "heldout17/explainer_how_elections_are_counted.txt",
            "heldout17/history_berlin_airlift.txt",
            "heldout17/news_water_shortage.txt",
            "heldout17/page_business_news_supermarket_prices.html",
            "heldout17/page_health_news_measles_outbreak.html",
            "heldout17/page_local_news_bridge_repairs.html",
            "heldout17/page_science_news_jwst_galaxies.html",
            "heldout17/page_sport_feature_womens_football.html",
            "heldout17/science_explainer_vaccines_mrna.txt",
        ],
    ),
    # Measures the sixth 2026-12-06 session's commit 51b6fce.
    "heldout91": (
        [],
        [
            "heldout91/biography_joseph_paxton.txt",
            "heldout91/economics_explainer_price_discrimination.txt",
            "heldout91/encyclopedia_common_kingfisher.txt",
            "heldout91/geography_causeway_coast.txt",
            "heldout91/page_arts_review_journeys_end_drill_hall_theatre_tewsford.html",
            "heldout91/page_health_news_sandersby_diabetic_foot_clinic_amputations_fall.html",
            "heldout91/page_local_news_kimbleford_raft_race_insurance_cancelled.html",
            "heldout91/page_tech_news_netherwick_lamp_post_ev_chargers_offline.html",
            "heldout91/page_weather_news_lusworth_show_downburst_marquee_collapse.html",
            "heldout91/sport_report_marnhollow_swords_brackwater_salle_team_epee_final.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 497b80f, first set.
    "heldout93": (
        [],
        [
            "heldout93/biography_florence_nightingale.txt",
            "heldout93/economics_explainer_opportunity_cost.txt",
            "heldout93/geography_grand_canyon.txt",
            "heldout93/page_arts_review_an_inspector_calls_coachworks_theatre_hambleside.html",
            "heldout93/page_crime_court_report_ellingford_canal_narrowboat_burglar_jailed.html",
            "heldout93/page_health_news_stallingford_district_nurses_electric_cargo_bikes.html",
            "heldout93/page_local_news_fernleigh_staithe_chapel_community_hub_purchase.html",
            "heldout93/page_transport_news_gorsley_heath_school_bus_operator_collapse.html",
            "heldout93/science_explainer_how_yeast_makes_bread_rise.txt",
            "heldout93/sport_report_garsby_colliers_wetherlow_bulls_rugby_league_cup_final.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 497b80f, second set.
    "heldout94": (
        [],
        [
            "heldout94/analysis_junk_food_advertising_ban.txt",
            "heldout94/encyclopedia_snow_leopard.txt",
            "heldout94/explainer_how_a_four_stroke_engine_works.txt",
            "heldout94/health_explainer_psoriasis.txt",
            "heldout94/history_rainhill_trials_1829.txt",
            "heldout94/page_business_news_skellbay_crab_processor_supermarket_contract_loss.html",
            "heldout94/page_education_news_kessingham_two_week_october_half_term_plan.html",
            "heldout94/page_environment_news_brenscar_water_osprey_chicks_first_breeding.html",
            "heldout94/page_sport_report_porthgennick_gig_club_county_womens_final.html",
            "heldout94/page_weather_news_lett_valley_groundwater_flooding_chalk_villages.html",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit e8398a7, first set.
    "heldout95": (
        [],
        [
            "heldout95/arts_review_a_view_from_the_bridge_pumphouse_theatre_wickenhall.txt",
            "heldout95/biography_alfred_wegener.txt",
            "heldout95/economics_explainer_goodharts_law.txt",
            "heldout95/geography_aral_sea.txt",
            "heldout95/page_consumer_news_brightsill_windows_doorstep_cancellation_refunds.html",
            "heldout95/page_health_news_pollerton_gp_online_triage_switch.html",
            "heldout95/page_local_news_wellerby_cycling_club_founder_blue_plaque.html",
            "heldout95/page_politics_news_medbury_county_farms_estate_sale_vote.html",
            "heldout95/page_tech_news_pickersby_town_centre_free_wifi_switch_off.html",
            "heldout95/science_explainer_how_fireworks_get_their_colours.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit e8398a7, second set.
    "heldout96": (
        [],
        [
            "heldout96/analysis_compulsory_cycle_helmets.txt",
            "heldout96/encyclopedia_eiffel_tower.txt",
            "heldout96/health_explainer_gum_disease.txt",
            "heldout96/history_launch_of_sputnik_1957.txt",
            "heldout96/page_arts_review_blithe_spirit_tollhouse_theatre_hindlecombe.html",
            "heldout96/page_business_news_bramblegate_garden_centres_wet_spring_results.html",
            "heldout96/page_crime_court_report_ormsdale_fake_festival_wristbands_seller_jailed.html",
            "heldout96/page_environment_news_wickenhurst_golf_course_rewilding_first_year.html",
            "heldout96/page_transport_news_haldenshire_one_pound_youth_bus_fare_launch.html",
            "heldout96/sport_report_drumshallon_gaels_clonmorris_county_football_final.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 68ec36b, first set.
    "heldout97": (
        [],
        [
            "heldout97/biography_isabella_bird.txt",
            "heldout97/encyclopedia_ben_nevis.txt",
            "heldout97/health_explainer_irritable_bowel_syndrome.txt",
            "heldout97/history_factory_act_1833.txt",
            "heldout97/page_business_news_mardle_valley_sawmill_cross_laminated_timber_line.html",
            "heldout97/page_education_news_stallingford_academy_admissions_ballot.html",
            "heldout97/page_local_news_brantisford_village_hall_lead_roof_theft.html",
            "heldout97/page_sport_report_brisworth_tug_of_war_championships_640kg_final.html",
            "heldout97/page_weather_news_scarlow_moor_heatwave_wildfire.html",
            "heldout97/science_explainer_the_greenhouse_effect.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 68ec36b, second set.
    "heldout98": (
        [],
        [
            "heldout98/analysis_menu_calorie_labelling.txt",
            "heldout98/economics_explainer_compound_interest.txt",
            "heldout98/explainer_how_a_dishwasher_works.txt",
            "heldout98/geography_isle_of_man.txt",
            "heldout98/page_arts_review_pygmalion_coopers_hall_theatre_denbridge.html",
            "heldout98/page_crime_court_report_corlstead_cashpoint_skimming_pair_jailed.html",
            "heldout98/page_health_news_quenbridge_hospital_surgical_robot_first_year.html",
            "heldout98/page_politics_news_lindenmere_council_tax_support_scheme_cut_vote.html",
            "heldout98/page_transport_news_morrow_hill_tunnel_refurbishment_overnight_closures.html",
            "heldout98/sport_report_selbrook_kites_durnhaven_spinners_mixed_ultimate_final.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 9a59b24, first set.
    "heldout99": (
        [],
        [
            "heldout99/biography_elizabeth_gaskell.txt",
            "heldout99/economics_explainer_engels_law.txt",
            "heldout99/geography_loch_ness.txt",
            "heldout99/history_battle_of_bosworth.txt",
            "heldout99/page_consumer_news_restwell_funeral_plans_collapse_plan_holders.html",
            "heldout99/page_environment_news_ashlade_down_large_blue_butterfly_return.html",
            "heldout99/page_local_news_hollesworth_school_1975_time_capsule_opened.html",
            "heldout99/page_sport_report_hawksfold_open_sheepdog_trial.html",
            "heldout99/page_tech_news_skerrigan_gps_jamming_fishing_fleet.html",
            "heldout99/science_explainer_tsunamis.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 9a59b24, second set.
    "heldout100": (
        [],
        [
            "heldout100/analysis_salary_ranges_in_job_adverts.txt",
            "heldout100/arts_review_the_creation_callowmere_choral_society.txt",
            "heldout100/encyclopedia_stag_beetle.txt",
            "heldout100/explainer_how_a_combi_boiler_works.txt",
            "heldout100/health_explainer_lyme_disease.txt",
            "heldout100/page_business_news_hollis_marrow_organ_builders_norway_cathedral_order.html",
            "heldout100/page_crime_court_report_sandwold_hydrant_water_theft_tanker_firm_fined.html",
            "heldout100/page_education_news_harrowdene_orchard_lea_passivhaus_primary_opens.html",
            "heldout100/page_health_news_hexworth_lung_health_check_truck_cancers_found.html",
            "heldout100/page_weather_news_wrendle_fen_ice_skating_races_return.html",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 91a6dd8 (fuller-name guard then a regex),
    # first set.
    "heldout101": (
        [],
        [
            "heldout101/analysis_water_fluoridation.txt",
            "heldout101/biography_jesse_owens.txt",
            "heldout101/encyclopedia_english_oak.txt",
            "heldout101/history_peasants_revolt_1381.txt",
            "heldout101/page_arts_review_much_ado_about_nothing_tannery_theatre_crossmead.html",
            "heldout101/page_health_news_yarnborough_falls_prevention_classes_hip_fractures.html",
            "heldout101/page_local_news_brockhallow_phone_box_seed_library.html",
            "heldout101/page_politics_news_copperthwaite_council_housing_company_wound_up.html",
            "heldout101/page_transport_news_marrowby_halt_request_stop_button.html",
            "heldout101/science_explainer_sonic_booms.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 91a6dd8 (fuller-name guard then a regex),
    # second set.
    "heldout102": (
        [],
        [
            "heldout102/economics_explainer_the_jevons_paradox.txt",
            "heldout102/explainer_how_a_submarine_dives_and_surfaces.txt",
            "heldout102/geography_eryri_snowdonia_national_park.txt",
            "heldout102/health_explainer_deep_vein_thrombosis.txt",
            "heldout102/page_business_news_gorringe_lusk_brushworks_community_share_offer.html",
            "heldout102/page_crime_court_report_kelvingham_lottery_syndicate_organiser_jailed.html",
            "heldout102/page_education_news_hawkscar_outdoor_education_centre_closure_plan.html",
            "heldout102/page_environment_news_eskerby_vale_coldbrook_re_meandering.html",
            "heldout102/page_weather_news_wishcombe_arboretum_gale_fells_champion_trees.html",
            "heldout102/sport_report_kelsham_regatta_tolland_wenmouth_womens_eights_final.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 1a643b7, first set.
    "heldout103": (
        [],
        [
            "heldout103/arts_review_the_seagull_lifeboat_house_theatre_saltinghurst.txt",
            "heldout103/biography_alfred_russel_wallace.txt",
            "heldout103/economics_explainer_the_law_of_diminishing_returns.txt",
            "heldout103/geography_cheddar_gorge.txt",
            "heldout103/page_consumer_news_hearthguard_boiler_cover_claims_rejected.html",
            "heldout103/page_health_news_harnley_moor_donor_breast_milk_bank_opens.html",
            "heldout103/page_local_news_farrowdean_village_green_maypole_replaced.html",
            "heldout103/page_sport_report_cragdale_forest_northern_orienteering_championships.html",
            "heldout103/page_tech_news_brindleford_academy_facial_recognition_canteen_paused.html",
            "heldout103/science_explainer_why_the_moon_has_phases.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 1a643b7, second set.
    "heldout104": (
        [],
        [
            "heldout104/analysis_ending_leasehold_for_flats.txt",
            "heldout104/encyclopedia_leatherback_sea_turtle.txt",
            "heldout104/explainer_how_a_septic_tank_works.txt",
            "heldout104/health_explainer_asthma.txt",
            "heldout104/history_matchgirls_strike_1888.txt",
            "heldout104/page_business_news_brackwell_mushrooms_orlingham_growing_sheds_expansion.html",
            "heldout104/page_crime_court_report_quellbury_kingfisher_grill_rat_infestation_fined.html",
            "heldout104/page_environment_news_harlbeck_copley_pits_landfill_nature_reserve_opens.html",
            "heldout104/page_politics_news_hendringham_selective_landlord_licensing_vote.html",
            "heldout104/page_transport_news_tressall_buses_tap_on_tap_off_fare_capping.html",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 1a643b7, third set.
    "heldout105": (
        [],
        [
            "heldout105/biography_robert_owen.txt",
            "heldout105/geography_mount_etna.txt",
            "heldout105/health_explainer_sinusitis.txt",
            "heldout105/history_sutton_hoo_ship_burial_discovery.txt",
            "heldout105/page_arts_review_the_glass_menagerie_signal_box_theatre_harnwick.html",
            "heldout105/page_education_news_easterleigh_academy_latin_gcse_revival.html",
            "heldout105/page_local_news_kenworth_abbas_lime_avenue_felling_paused.html",
            "heldout105/page_transport_news_ambleworth_bridge_street_bus_gate_fines.html",
            "heldout105/page_weather_news_strathallow_record_cold_night_loch_frozen.html",
            "heldout105/science_explainer_earths_magnetic_field.txt",
        ],
    ),
    # Measures the seventh 2026-12-06 session's commit 1a643b7, fourth set.
    "heldout106": (
        [],
        [
            "heldout106/analysis_lowering_the_drink_drive_limit.txt",
            "heldout106/economics_explainer_tax_incidence.txt",
            "heldout106/encyclopedia_natterjack_toad.txt",
            "heldout106/explainer_how_an_espresso_machine_works.txt",
            "heldout106/page_business_news_crane_elstob_spade_forge_garden_centre_deal.html",
            "heldout106/page_consumer_news_hollerton_shelf_price_checks_till_overcharging.html",
            "heldout106/page_crime_court_report_stennock_car_park_qr_code_scammer_jailed.html",
            "heldout106/page_environment_news_brinkfold_bypass_dead_saplings_replanting.html",
            "heldout106/page_health_news_morlston_glaucoma_checks_high_street_opticians.html",
            "heldout106/sport_report_harnswell_ravens_penderby_vikings_sevens_final.txt",
        ],
    ),
    # Measures the sixth 2026-12-06 session's commit 51b6fce, second set.
    "heldout92": (
        [],
        [
            "heldout92/analysis_university_tuition_fees.txt",
            "heldout92/explainer_how_a_vacuum_flask_works.txt",
            "heldout92/health_explainer_acid_reflux.txt",
            "heldout92/history_the_cod_wars.txt",
            "heldout92/page_business_news_lanyon_pryce_candles_beeswax_price_rise.html",
            "heldout92/page_crime_court_report_fenbarrow_prison_drone_smugglers_jailed.html",
            "heldout92/page_environment_news_bexcombe_sands_bathing_water_rated_poor.html",
            "heldout92/page_politics_news_elmsworth_council_kingsgate_centre_purchase_vote.html",
            "heldout92/page_transport_news_hartsell_airport_last_scheduled_flights_end.html",
            "heldout92/science_explainer_why_the_sea_is_salty.txt",
        ],
    ),
    # Measures the sixth 2026-12-06 session's last fixes (rounds 87-88's).
    "heldout89": (
        [],
        [
            "heldout89/arts_review_the_importance_of_being_earnest_bathhouse_theatre_stellingham.txt",
            "heldout89/biography_john_dalton.txt",
            "heldout89/explainer_how_a_hovercraft_works.txt",
            "heldout89/health_explainer_restless_legs_syndrome.txt",
            "heldout89/history_wreck_of_the_royal_charter_1859.txt",
            "heldout89/page_consumer_news_warmtop_spray_foam_insulation_mortgage_refusals.html",
            "heldout89/page_environment_news_little_haddow_treatment_wetland_opens.html",
            "heldout89/page_health_news_garthwaite_adult_adhd_waiting_list_closed.html",
            "heldout89/page_local_news_morwick_pier_emergency_closure.html",
            "heldout89/page_sport_report_larkmoor_spa_croquet_open_final.html",
        ],
    ),
    # Measures the sixth 2026-12-06 session's last fixes, second set.
    "heldout90": (
        [],
        [
            "heldout90/analysis_zero_hours_contracts.txt",
            "heldout90/economics_explainer_monopsony.txt",
            "heldout90/encyclopedia_grey_seal.txt",
            "heldout90/geography_morecambe_bay.txt",
            "heldout90/page_business_news_tillotson_narrowboats_stannock_foundry_expansion.html",
            "heldout90/page_crime_court_report_gilderby_moor_dry_stone_wall_thieves_jailed.html",
            "heldout90/page_education_news_salterby_academy_overheating_classrooms_works.html",
            "heldout90/page_politics_news_rilsby_council_town_twinning_grant_axed.html",
            "heldout90/page_transport_news_ebbas_holm_causeway_tide_barriers_switched_on.html",
            "heldout90/science_explainer_the_doppler_effect.txt",
        ],
    ),
    # Measures the sixth 2026-12-06 session's final code again, third set.
    "heldout87": (
        [],
        [
            "heldout87/analysis_land_value_tax.txt",
            "heldout87/biography_gertrude_bell.txt",
            "heldout87/encyclopedia_common_swift.txt",
            "heldout87/explainer_how_a_jet_engine_works.txt",
            "heldout87/geography_namib_desert.txt",
            "heldout87/page_arts_review_she_stoops_to_conquer_assembly_rooms_quarrendon.html",
            "heldout87/page_consumer_news_stowmarden_school_uniform_sole_supplier_prices.html",
            "heldout87/page_crime_court_report_brancote_hall_fireplace_thefts_jailed.html",
            "heldout87/page_local_news_cressingbury_charter_market_saturday_move.html",
            "heldout87/page_tech_news_harlstead_council_homes_damp_mould_sensors.html",
        ],
    ),
    # Measures the sixth 2026-12-06 session's final code again, fourth set.
    "heldout88": (
        [],
        [
            "heldout88/economics_explainer_the_bullwhip_effect.txt",
            "heldout88/health_explainer_concussion.txt",
            "heldout88/history_first_ascent_of_everest_1953.txt",
            "heldout88/page_business_news_ormeshaw_frying_range_maker_australia_deal.html",
            "heldout88/page_education_news_tildesford_academy_homework_scrapped_trial.html",
            "heldout88/page_politics_news_aldenby_participatory_budgeting_vote.html",
            "heldout88/page_transport_news_pellbury_taxi_zero_emission_rule.html",
            "heldout88/page_weather_news_blackmire_fell_ski_tow_heavy_snow.html",
            "heldout88/science_explainer_how_pearls_form.txt",
            "heldout88/sport_report_thrapley_harriers_twelve_stage_road_relay.txt",
        ],
    ),
    # Measures the sixth 2026-12-06 session's final code (everyday phrases, defined terms).
    "heldout85": (
        [],
        [
            "heldout85/biography_james_watt.txt",
            "heldout85/encyclopedia_red_kite.txt",
            "heldout85/history_year_without_a_summer_1816.txt",
            "heldout85/page_business_news_thwaite_orrell_umbrellas_department_store_contract.html",
            "heldout85/page_crime_court_report_wickhaven_fake_holiday_cottages_fraudster_jailed.html",
            "heldout85/page_education_news_brenthorne_college_retrofit_skills_centre_bus_depot.html",
            "heldout85/page_local_news_hulverton_tithe_barn_wedding_venue_late_licence.html",
            "heldout85/page_weather_news_rennerdale_record_rainfall_pass_road_landslips.html",
            "heldout85/science_explainer_total_solar_eclipses.txt",
            "heldout85/sport_report_harlowfield_rovers_stanmoor_town_playoff_final.txt",
        ],
    ),
    # Measures the sixth 2026-12-06 session's final code, second set.
    "heldout86": (
        [],
        [
            "heldout86/arts_review_the_winters_tale_wool_hall_theatre_milverstowe.txt",
            "heldout86/economics_explainer_the_laffer_curve.txt",
            "heldout86/explainer_how_a_zip_fastener_works.txt",
            "heldout86/geography_the_flow_country.txt",
            "heldout86/health_explainer_raynauds_phenomenon.txt",
            "heldout86/page_environment_news_hollowcrag_quarry_sand_martin_nesting_wall.html",
            "heldout86/page_health_news_brantholme_childrens_ward_therapy_dogs.html",
            "heldout86/page_politics_news_coldharrow_parish_council_mass_resignation.html",
            "heldout86/page_sport_report_morrisham_quay_dragon_boat_open_final.html",
            "heldout86/page_transport_news_sallerton_coast_road_average_speed_cameras_first_year.html",
        ],
    ),
    # Measures the sixth 2026-12-06 session's second batch ("there", wider context lines).
    "heldout83": (
        [],
        [
            "heldout83/arts_review_uncle_vanya_chandlery_theatre_helmscombe.txt",
            "heldout83/biography_john_muir.txt",
            "heldout83/geography_the_pantanal.txt",
            "heldout83/health_explainer_kidney_stones.txt",
            "heldout83/history_peterloo_massacre_1819.txt",
            "heldout83/page_business_news_marrable_cope_encaustic_tiles_rival_takeover.html",
            "heldout83/page_health_news_hexmoor_air_ambulance_night_flights.html",
            "heldout83/page_local_news_selsholme_lifeboat_station_rebuild.html",
            "heldout83/page_politics_news_polvenna_second_homes_council_tax_premium.html",
            "heldout83/page_sport_report_axenholme_steel_roses_roller_derby_final.html",
        ],
    ),
    # Measures the sixth 2026-12-06 session's second batch, second set.
    "heldout84": (
        [],
        [
            "heldout84/analysis_pavement_parking_ban.txt",
            "heldout84/economics_explainer_the_winners_curse.txt",
            "heldout84/encyclopedia_thames_barrier.txt",
            "heldout84/explainer_how_a_lighthouse_lens_works.txt",
            "heldout84/page_consumer_news_sunwright_solar_panel_mis_selling_refunds.html",
            "heldout84/page_crime_court_report_brindmoor_signal_cable_thieves_jailed.html",
            "heldout84/page_environment_news_thrang_beck_pearl_mussel_release.html",
            "heldout84/page_transport_news_haxtonbury_dutch_style_roundabout_opens.html",
            "heldout84/page_weather_news_wyndlecombe_reservoir_drought_lost_village.html",
            "heldout84/science_explainer_salmon_homing.txt",
        ],
    ),
    # Measures the sixth 2026-12-06 session's context lines (the sentence before).
    "heldout81": (
        [],
        [
            "heldout81/biography_alexander_fleming.txt",
            "heldout81/economics_explainer_dutch_disease.txt",
            "heldout81/encyclopedia_stonehenge.txt",
            "heldout81/explainer_how_a_piano_makes_sound.txt",
            "heldout81/history_dissolution_of_the_monasteries.txt",
            "heldout81/page_business_news_tuckwell_soap_refill_stations_investment.html",
            "heldout81/page_crime_court_report_oxenholt_fireworks_stockpile_shopkeeper_sentenced.html",
            "heldout81/page_local_news_foxwold_bowling_green_community_orchard.html",
            "heldout81/page_tech_news_cawdon_bay_small_scale_dab_switch_on.html",
            "heldout81/page_transport_news_yarlstone_branch_line_battery_trains.html",
        ],
    ),
    # Measures the sixth 2026-12-06 session's context lines, second set.
    "heldout82": (
        [],
        [
            "heldout82/analysis_compulsory_water_meters.txt",
            "heldout82/geography_ha_long_bay.txt",
            "heldout82/health_explainer_eczema.txt",
            "heldout82/page_arts_review_under_milk_wood_netloft_theatre_ravelstoke.html",
            "heldout82/page_education_news_kirkwhistle_attendance_mentors_persistent_absence.html",
            "heldout82/page_environment_news_hapsworth_vale_farmers_hedgerow_planting.html",
            "heldout82/page_health_news_ellerslade_mri_scanner_appeal_target_reached.html",
            "heldout82/page_weather_news_carlingsand_gale_blown_sand_buries_promenade.html",
            "heldout82/science_explainer_static_electricity.txt",
            "heldout82/sport_report_millbrook_games_womens_mile.txt",
        ],
    ),
    # Measures the final code of the fifth 2026-12-06 session, second set.
    "heldout80": (
        [],
        [
            "heldout80/analysis_citizens_assemblies.txt",
            "heldout80/arts_review_peter_grimes_eastmarsh_opera_orfleet.txt",
            "heldout80/economics_explainer_baumols_cost_disease.txt",
            "heldout80/health_explainer_tennis_elbow.txt",
            "heldout80/page_education_news_brundleford_academy_sign_language_gcse.html",
            "heldout80/page_environment_news_copperdown_bypass_dormouse_bridge.html",
            "heldout80/page_health_news_marstowe_hospital_kitchen_fresh_meals.html",
            "heldout80/page_politics_news_silverbarrow_planning_chair_censured.html",
            "heldout80/page_sport_report_ridlingham_rooks_korfball_cup_final.html",
            "heldout80/science_explainer_why_onions_make_you_cry.txt",
        ],
    ),
    # Measures the final code of the fifth 2026-12-06 session (the sixth session's start).
    "heldout79": (
        [],
        [
            "heldout79/biography_mary_somerville.txt",
            "heldout79/encyclopedia_european_badger.txt",
            "heldout79/geography_the_azores.txt",
            "heldout79/history_building_the_channel_tunnel.txt",
            "heldout79/page_business_news_strandmoor_kelp_ardensey_processing_plant.html",
            "heldout79/page_consumer_news_castleway_removals_belongings_held_storage_fees.html",
            "heldout79/page_crime_court_report_tanbury_crash_for_cash_ring_jailed.html",
            "heldout79/page_local_news_carnwherry_memorial_bench_plaques_policy.html",
            "heldout79/page_weather_news_kittlesand_bay_waterspouts_beach_cleared.html",
            "heldout79/sport_report_porthvear_sound_ten_kilometre_sea_swim.txt",
        ],
    ),
    # Measures the final code of the fifth 2026-12-06 session but one fix, second set.
    "heldout78": (
        [],
        [
            "heldout78/analysis_opt_out_organ_donation.txt",
            "heldout78/arts_review_the_crucible_lanternhouse_wistleigh.txt",
            "heldout78/explainer_how_a_fountain_pen_works.txt",
            "heldout78/history_eyam_plague_village_1665.txt",
            "heldout78/page_education_news_wendersby_teaching_assistants_strike_pay_grading.html",
            "heldout78/page_environment_news_mardle_beck_himalayan_balsam_rust_fungus_release.html",
            "heldout78/page_health_news_brathwick_volunteer_hospital_car_scheme_grant_cut.html",
            "heldout78/page_politics_news_dunholt_council_votes_to_end_meeting_livestreams.html",
            "heldout78/page_transport_news_corvenbury_weekend_night_bus_trial.html",
            "heldout78/science_explainer_the_maillard_reaction.txt",
        ],
    ),
    # Measures the final code of the fifth 2026-12-06 session but one fix.
    "heldout77": (
        [],
        [
            "heldout77/biography_elizabeth_fry.txt",
            "heldout77/economics_explainer_stagflation.txt",
            "heldout77/encyclopedia_barn_owl.txt",
            "heldout77/geography_jurassic_coast.txt",
            "heldout77/health_explainer_varicose_veins.txt",
            "heldout77/page_business_news_hobdays_malt_vinegar_danish_takeover.html",
            "heldout77/page_crime_court_report_mardenford_bogus_charity_clothes_collections_jailed.html",
            "heldout77/page_local_news_drennington_cattle_market_final_sale.html",
            "heldout77/page_sport_report_aldercombe_cyclo_cross_grand_prix_holgate.html",
            "heldout77/page_weather_news_kinlorran_february_warmth_record.html",
        ],
    ),
    # Measures the fifth 2026-12-06 session's code but its date forms, second set.
    "heldout76": (
        [],
        [
            "heldout76/analysis_generational_smoking_ban.txt",
            "heldout76/encyclopedia_capybara.txt",
            "heldout76/explainer_how_bicycle_derailleur_gears_work.txt",
            "heldout76/health_explainer_underactive_thyroid.txt",
            "heldout76/history_building_the_suez_canal.txt",
            "heldout76/page_consumer_news_hollybrook_hampers_savings_club_collapse.html",
            "heldout76/page_crime_court_report_caddesby_beehive_thefts_jailed.html",
            "heldout76/page_environment_news_saltinghoe_spit_little_tern_record.html",
            "heldout76/page_politics_news_wexley_magna_parish_poll_incinerator.html",
            "heldout76/page_transport_news_brackenridge_viaduct_weight_limit_bus_diversion.html",
        ],
    ),
    # Measures the fifth 2026-12-06 session's code but its date forms.
    "heldout75": (
        [],
        [
            "heldout75/biography_edward_jenner.txt",
            "heldout75/economics_explainer_externalities.txt",
            "heldout75/geography_mount_kilimanjaro.txt",
            "heldout75/page_arts_review_the_rivals_customs_house_ludgrave.html",
            "heldout75/page_business_news_tennant_rook_cricket_bats_willow_plantation.html",
            "heldout75/page_education_news_scarthwaite_village_school_reopens.html",
            "heldout75/page_health_news_orringham_barbers_blood_pressure_checks.html",
            "heldout75/page_local_news_thistleby_bus_shelter_listed.html",
            "heldout75/science_explainer_how_hurricanes_form.txt",
            "heldout75/sport_report_polgarrow_merlin_rocket_championship.txt",
        ],
    ),
    # Measures the fifth 2026-12-06 session's code but its last fixes, second set.
    "heldout74": (
        [],
        [
            "heldout74/arts_review_hedda_gabler_maltings_theatre_pewsbury.txt",
            "heldout74/economics_explainer_the_paradox_of_thrift.txt",
            "heldout74/explainer_how_a_pressure_cooker_works.txt",
            "heldout74/geography_the_dolomites.txt",
            "heldout74/health_explainer_appendicitis.txt",
            "heldout74/page_business_news_amberleigh_linen_hospital_laundry_contract.html",
            "heldout74/page_crime_court_report_pendrey_protected_oak_felling_developer_fined.html",
            "heldout74/page_health_news_sedgeworth_royal_ambulance_handover_delays.html",
            "heldout74/page_transport_news_holmbray_valley_line_sunday_trains_return.html",
            "heldout74/page_weather_news_quarnby_fen_blow_dust_storm.html",
        ],
    ),
    # Measures the fifth 2026-12-06 session's code but its last fixes.
    "heldout73": (
        [],
        [
            "heldout73/analysis_disposable_vape_ban.txt",
            "heldout73/biography_humphry_davy.txt",
            "heldout73/encyclopedia_komodo_dragon.txt",
            "heldout73/history_tolpuddle_martyrs.txt",
            "heldout73/page_consumer_news_wardle_pike_lettings_unlawful_tenant_fees.html",
            "heldout73/page_environment_news_wrayholme_levels_wild_beaver_release.html",
            "heldout73/page_local_news_hensby_ferrers_aldous_fountain_return.html",
            "heldout73/page_politics_news_kilverton_council_all_out_elections_switch.html",
            "heldout73/page_sport_report_penwardine_gliders_wheelchair_basketball_playoff_final.html",
            "heldout73/science_explainer_how_road_salt_melts_ice.txt",
        ],
    ),
    # Measures the fifth 2026-12-06 session's fifth change, second set.
    "heldout72": (
        [],
        [
            "heldout72/analysis_universal_free_school_meals.txt",
            "heldout72/economics_explainer_the_market_for_lemons.txt",
            "heldout72/encyclopedia_sea_otter.txt",
            "heldout72/page_education_news_sallowmere_primary_breakfast_club_pilot.html",
            "heldout72/page_environment_news_holmsey_point_seal_pups_drone_disturbance.html",
            "heldout72/page_health_news_caistow_blood_donor_centre_relocation.html",
            "heldout72/page_tech_news_hollinsby_edge_phone_mast_appeal_approved.html",
            "heldout72/page_transport_news_culverholme_line_timetable_skipped_stations.html",
            "heldout72/science_explainer_aircraft_contrails.txt",
            "heldout72/sport_report_ellendale_show_grand_prix_jump_off.txt",
        ],
    ),
    # Measures the fifth 2026-12-06 session's fifth change (title line, bounds).
    "heldout71": (
        [],
        [
            "heldout71/biography_joseph_lister.txt",
            "heldout71/explainer_how_traffic_lights_know_when_to_change.txt",
            "heldout71/geography_cairngorms.txt",
            "heldout71/health_explainer_type_2_diabetes.txt",
            "heldout71/history_gunpowder_plot.txt",
            "heldout71/page_arts_review_hobsons_choice_brimsworth_corn_exchange.html",
            "heldout71/page_business_news_copper_hare_distillery_fire_station_move.html",
            "heldout71/page_crime_court_report_wellsby_tractor_gps_thieves_jailed.html",
            "heldout71/page_local_news_dennington_christmas_lights_crowdfunder.html",
            "heldout71/page_weather_news_lenthorpe_river_lenn_dries_fish_rescue.html",
        ],
    ),
    # Measures the fifth 2026-12-06 session's fourth change, second set.
    "heldout70": (
        [],
        [
            "heldout70/analysis_universal_basic_income.txt",
            "heldout70/arts_review_twelfth_night_saltmarket_playhouse.txt",
            "heldout70/explainer_how_a_flush_toilet_works.txt",
            "heldout70/geography_the_camargue.txt",
            "heldout70/health_explainer_obstructive_sleep_apnoea.txt",
            "heldout70/page_crime_court_report_tavelmouth_sea_trout_net_poachers_fined.html",
            "heldout70/page_education_news_mossington_adult_college_esol_waiting_list.html",
            "heldout70/page_environment_news_cradlestone_common_exmoor_pony_grazing.html",
            "heldout70/page_politics_news_grindlesby_town_council_created.html",
            "heldout70/page_transport_news_haddersby_tanner_street_bridge_strikes.html",
        ],
    ),
    # Measures the fifth 2026-12-06 session's fourth change (page subject line).
    "heldout69": (
        [],
        [
            "heldout69/biography_thomas_telford.txt",
            "heldout69/economics_explainer_greshams_law.txt",
            "heldout69/encyclopedia_platypus.txt",
            "heldout69/history_tunguska_event.txt",
            "heldout69/page_business_news_kelmscar_spring_water_management_buyout.html",
            "heldout69/page_consumer_news_clearroad_driving_academy_collapse_prepaid_lessons.html",
            "heldout69/page_health_news_tidsworth_stroke_unit_move_marbury.html",
            "heldout69/page_local_news_ludderby_post_office_church_vestry.html",
            "heldout69/page_sport_report_tarnshire_cross_country_championships_gorsedene.html",
            "heldout69/science_explainer_why_ice_floats.txt",
        ],
    ),
    # Measures the fifth 2026-12-06 session's third change, second set.
    "heldout68": (
        [],
        [
            "heldout68/economics_explainer_economies_of_scale.txt",
            "heldout68/encyclopedia_skara_brae.txt",
            "heldout68/explainer_how_induction_hobs_work.txt",
            "heldout68/health_explainer_sciatica.txt",
            "heldout68/page_arts_review_mill_on_the_floss_granary_theatre_kestermouth.html",
            "heldout68/page_business_news_haskett_fold_creamery_japan_export.html",
            "heldout68/page_environment_news_wickerby_verges_no_mow_pollinator_survey.html",
            "heldout68/page_health_news_elverby_menopause_clinic_opens.html",
            "heldout68/page_politics_news_westerholme_mayoral_car_civic_budget_cut.html",
            "heldout68/sport_report_quarrington_town_bellmoor_athletic_senior_cup_semi_final.txt",
        ],
    ),
    # Measures the fifth 2026-12-06 session's third change (rounds 63-66 fixes).
    "heldout67": (
        [],
        [
            "heldout67/analysis_minimum_unit_pricing_alcohol.txt",
            "heldout67/biography_octavia_hill.txt",
            "heldout67/geography_isle_of_skye.txt",
            "heldout67/history_domesday_book.txt",
            "heldout67/page_crime_court_report_merrowport_outboard_motor_thieves_jailed.html",
            "heldout67/page_education_news_gallowbeck_academy_ofsted_turnaround.html",
            "heldout67/page_local_news_cobbleford_goods_shed_community_cinema.html",
            "heldout67/page_transport_news_tennerby_bus_station_closure_temporary_stops.html",
            "heldout67/page_weather_news_hamblesby_hottest_day_record_roads_melt.html",
            "heldout67/science_explainer_autumn_leaf_colour.txt",
        ],
    ),
    # Measures the fifth 2026-12-06 session's second change (page floor), second set.
    "heldout66": (
        [],
        [
            "heldout66/arts_review_enemy_of_the_people_old_ropery_theatre.txt",
            "heldout66/economics_explainer_network_effects.txt",
            "heldout66/explainer_how_lifts_stop_themselves_falling.txt",
            "heldout66/health_explainer_gallstones.txt",
            "heldout66/history_great_storm_of_1703.txt",
            "heldout66/page_business_news_marlowe_vell_pencil_works_us_order.html",
            "heldout66/page_environment_news_gledhope_fell_dark_sky_park.html",
            "heldout66/page_health_news_pendlow_harbour_mental_health_crisis_cafe.html",
            "heldout66/page_politics_news_fordingley_neighbourhood_plan_referendum.html",
            "heldout66/page_sport_report_glaswick_forest_rally_final_stage_win.html",
        ],
    ),
    # Measures the fifth 2026-12-06 session's second change (page floor).
    "heldout65": (
        [],
        [
            "heldout65/biography_michael_faraday.txt",
            "heldout65/encyclopedia_blue_whale.txt",
            "heldout65/geography_galapagos_islands.txt",
            "heldout65/page_arts_review_ashgrove_quartet_late_beethoven_quenby.html",
            "heldout65/page_consumer_news_lindenhurst_house_care_home_fee_rise.html",
            "heldout65/page_crime_court_report_marshcote_fen_hare_coursers_sentenced.html",
            "heldout65/page_local_news_plovercote_dog_fouling_dna_scheme.html",
            "heldout65/page_tech_news_rothwaite_common_virtual_fencing_cattle_collars.html",
            "heldout65/science_explainer_how_soap_cleans.txt",
            "heldout65/sport_report_halmsworth_ebbingfold_county_cricket_cup_final.txt",
        ],
    ),
    # Measures the fifth 2026-12-06 session's first change, second set.
    "heldout64": (
        [],
        [
            "heldout64/analysis_sunday_trading_laws.txt",
            "heldout64/encyclopedia_falkirk_wheel.txt",
            "heldout64/explainer_how_a_mechanical_watch_keeps_time.txt",
            "heldout64/health_explainer_frozen_shoulder.txt",
            "heldout64/history_st_kilda_evacuation_1930.txt",
            "heldout64/page_education_news_mistleford_hazelwood_brook_special_school_opens.html",
            "heldout64/page_health_news_lanthorne_satellite_dialysis_unit_opens.html",
            "heldout64/page_politics_news_brisland_councillor_allowances_rise_vote.html",
            "heldout64/page_transport_news_orbury_kingsfield_park_and_ride_closure.html",
            "heldout64/page_weather_news_greystrand_surge_tide_seafront_flooding.html",
        ],
    ),
    # Measures the 2026-12-06 fifth session's first change (accepted answers, subject line).
    "heldout63": (
        [],
        [
            "heldout63/biography_james_clerk_maxwell.txt",
            "heldout63/economics_explainer_the_sunk_cost_fallacy.txt",
            "heldout63/geography_lake_district.txt",
            "heldout63/history_south_sea_bubble.txt",
            "heldout63/page_business_news_nant_orwen_slate_quarry_new_pit.html",
            "heldout63/page_crime_court_report_hartlow_heating_oil_thieves_jailed.html",
            "heldout63/page_environment_news_ellstow_swift_bricks_new_homes.html",
            "heldout63/page_local_news_cotterby_footpath_diversion_inquiry.html",
            "heldout63/page_sport_report_brenmouth_canoe_slalom_championships.html",
            "heldout63/science_explainer_why_the_sky_is_blue.txt",
        ],
    ),
    # Measures the final code of the 2026-12-06 fourth session, second set.
    "heldout62": (
        [],
        [
            "heldout62/encyclopedia_the_iron_bridge_shropshire.txt",
            "heldout62/explainer_how_a_car_differential_works.txt",
            "heldout62/geography_new_forest_national_park.txt",
            "heldout62/health_explainer_hpv_vaccine.txt",
            "heldout62/page_business_news_carrenmouth_boatyard_hybrid_ferry_order.html",
            "heldout62/page_consumer_news_loomfield_sofas_delivery_delays.html",
            "heldout62/page_education_news_hetherby_academy_sixth_form_closure_plan.html",
            "heldout62/page_politics_news_ilsworth_town_hall_sale_vote.html",
            "heldout62/page_weather_news_thrushcombe_wettest_autumn_farmers_drilling.html",
            "heldout62/sport_report_ostwick_open_table_tennis_mens_final.txt",
        ],
    ),
    # Measures the final code of the 2026-12-06 fourth session (subject line, rounds 59-60 fixes).
    "heldout61": (
        [],
        [
            "heldout61/biography_samuel_plimsoll.txt",
            "heldout61/economics_explainer_the_gold_standard.txt",
            "heldout61/encyclopedia_okapi.txt",
            "heldout61/history_carnation_revolution_portugal.txt",
            "heldout61/page_arts_review_ifor_penhale_slip_and_ash_ceramics.html",
            "heldout61/page_crime_court_report_askerby_villa_nighthawk_jailed.html",
            "heldout61/page_health_news_coldmere_st_elwens_hospice_bed_closures.html",
            "heldout61/page_local_news_thirlstow_church_row_almshouses_reprieve.html",
            "heldout61/page_transport_news_kirkhaven_station_step_free_lifts_open.html",
            "heldout61/science_explainer_how_concrete_sets.txt",
        ],
    ),
    # Measures the round 57-58 fixes, second set.
    "heldout60": (
        [],
        [
            "heldout60/analysis_term_time_holiday_fines.txt",
            "heldout60/arts_review_the_lengthsman_film.txt",
            "heldout60/geography_lake_tanganyika.txt",
            "heldout60/history_discovery_of_neptune.txt",
            "heldout60/page_business_news_larkhampton_bell_foundry_minster_order.html",
            "heldout60/page_environment_news_penvose_bay_nurdle_spill.html",
            "heldout60/page_health_news_ambleworth_norovirus_ward_closures.html",
            "heldout60/page_local_news_audleigh_town_crier_contest.html",
            "heldout60/page_sport_report_hallamere_middle_distance_triathlon.html",
            "heldout60/science_explainer_foehn_winds.txt",
        ],
    ),
    # Measures the round 57-58 fixes (2026-12-06 fourth session).
    "heldout59": (
        [],
        [
            "heldout59/biography_edward_elgar.txt",
            "heldout59/encyclopedia_great_crested_grebe.txt",
            "heldout59/explainer_how_an_electric_kettle_switches_itself_off.txt",
            "heldout59/health_explainer_cataracts.txt",
            "heldout59/history_cutty_sark.txt",
            "heldout59/page_crime_court_report_pelsworth_driving_test_impersonator_jailed.html",
            "heldout59/page_politics_news_ollerbridge_councillor_six_month_rule_by_election.html",
            "heldout59/page_tech_news_trenholt_hospital_patient_records_switchover.html",
            "heldout59/page_transport_news_fallowmouth_chain_ferry_returns.html",
            "heldout59/page_weather_news_loxbury_vale_thunderstorms_thatch_fire.html",
        ],
    ),
    # Measures the round 55-56 fixes, second set.
    "heldout58": (
        [],
        [
            "heldout58/biography_matthew_henson.txt",
            "heldout58/economics_explainer_the_fiscal_multiplier.txt",
            "heldout58/encyclopedia_common_yew.txt",
            "heldout58/geography_isles_of_scilly.txt",
            "heldout58/page_business_news_brayhurst_beds_crossfleet_factory_move.html",
            "heldout58/page_consumer_news_tailward_pet_insurance_renewal_rises.html",
            "heldout58/page_crime_court_report_stallbrook_counterfeit_vodka_bottling_plant.html",
            "heldout58/page_education_news_tansleigh_primaries_nurseries_in_empty_classrooms.html",
            "heldout58/page_environment_news_lydmere_reservoir_quagga_mussels.html",
            "heldout58/sport_report_mellingham_carrbeck_lacrosse_cup_final.txt",
        ],
    ),
    # Measures the round 55-56 fixes (2026-12-06 fourth session).
    "heldout57": (
        [],
        [
            "heldout57/analysis_parking_minimums.txt",
            "heldout57/biography_beatrix_potter.txt",
            "heldout57/history_inca_empire.txt",
            "heldout57/page_arts_review_greythorpe_colliery_band_pithead_hours.html",
            "heldout57/page_health_news_penmarsh_diagnostic_centre_department_store.html",
            "heldout57/page_local_news_haddleston_brickworks_estate_street_names.html",
            "heldout57/page_sport_report_holmcastle_womens_rugby_county_cup_final.html",
            "heldout57/page_weather_news_wendham_vale_saharan_dust_rain.html",
            "heldout57/science_explainer_how_geysers_erupt.txt",
            "heldout57/science_explainer_starling_murmurations.txt",
        ],
    ),
    # Measures the round 53-54 fixes, second set.
    "heldout56": (
        [],
        [
            "heldout56/arts_review_tamsin_kerrow_lantern_hours_album.txt",
            "heldout56/business_news_caulder_vane_valve_maker_dividend_cut.txt",
            "heldout56/geography_drakensberg.txt",
            "heldout56/health_explainer_atrial_fibrillation.txt",
            "heldout56/history_nansen_fram_expedition.txt",
            "heldout56/page_business_news_coldharbour_wool_scourers_second_line.html",
            "heldout56/page_environment_news_hendle_water_signal_crayfish_trapping.html",
            "heldout56/page_local_news_ravensholt_war_memorial_missing_names.html",
            "heldout56/page_politics_news_brentmarsh_council_committee_system_return.html",
            "heldout56/page_transport_news_scarrowby_cutting_landslip_line_closure.html",
        ],
    ),
    # Measures the round 53-54 fixes (2026-12-06 fourth session).
    "heldout55": (
        [],
        [
            "heldout55/biography_william_smith_geologist.txt",
            "heldout55/economics_explainer_gross_domestic_product.txt",
            "heldout55/encyclopedia_hagia_sophia.txt",
            "heldout55/history_r101_airship_disaster.txt",
            "heldout55/page_consumer_news_ivory_lace_bridal_shop_collapse.html",
            "heldout55/page_crime_court_report_threlbury_puppy_dealer_jailed.html",
            "heldout55/page_education_news_low_fold_school_farm_saved.html",
            "heldout55/page_sport_report_scarbeck_wolves_challenge_shield_final.html",
            "heldout55/page_tech_news_wyvernmouth_river_sensor_flood_alerts.html",
            "heldout55/science_explainer_petrichor_smell_of_rain.txt",
        ],
    ),
    # Measures the code of d94a422 (start of the 2026-12-06 fourth session), second set.
    "heldout54": (
        [],
        [
            "heldout54/analysis_compulsory_voting.txt",
            "heldout54/encyclopedia_wandering_albatross.txt",
            "heldout54/explainer_how_a_sewing_machine_makes_a_lockstitch.txt",
            "heldout54/health_explainer_osteoporosis.txt",
            "heldout54/page_arts_review_aladdin_pantomime_sedgecombe_lyceum.html",
            "heldout54/page_health_news_kelverton_orchard_row_surgery_closure.html",
            "heldout54/page_politics_news_fellbridge_council_section_114_notice.html",
            "heldout54/page_transport_news_cray_estuary_bridge_toll_rise.html",
            "heldout54/page_weather_news_hemsfold_vale_late_frost_vineyards_orchards.html",
            "heldout54/sport_report_tarrenbury_otters_water_polo_cup_final_shootout.txt",
        ],
    ),
    # Measures the code of d94a422 (start of the 2026-12-06 fourth session).
    "heldout53": (
        [],
        [
            "heldout53/biography_george_stephenson.txt",
            "heldout53/economics_explainer_tragedy_of_the_commons.txt",
            "heldout53/geography_strait_of_gibraltar.txt",
            "heldout53/history_discovery_of_tutankhamuns_tomb.txt",
            "heldout53/page_business_news_pennick_daye_mustard_mill_expansion.html",
            "heldout53/page_crime_court_report_garnley_rogue_roofers_jailed.html",
            "heldout53/page_environment_news_tessingham_fen_water_vole_return.html",
            "heldout53/page_local_news_wenlow_butter_cross_lorry_damage.html",
            "heldout53/page_sport_report_wyckholme_hornets_speedway_knockout_cup.html",
            "heldout53/science_explainer_radiocarbon_dating.txt",
        ],
    ),
    # Measures the final code of the 2026-12-05 session (after the review's refactors).
    "heldout52": (
        [],
        [
            "heldout52/biography_henrietta_swan_leavitt.txt",
            "heldout52/economics_explainer_the_phillips_curve.txt",
            "heldout52/history_lisbon_earthquake_1755.txt",
            "heldout52/page_business_news_marchbank_tannery_administration.html",
            "heldout52/page_crime_court_report_pellerby_bowls_club_treasurer_jailed.html",
            "heldout52/page_education_news_kellingford_primary_merger_falling_rolls.html",
            "heldout52/page_local_news_marlcombe_market_hall_rent_rise.html",
            "heldout52/page_tech_news_fellgarth_community_fibre_switch_on.html",
            "heldout52/science_explainer_sea_ice.txt",
            "heldout52/sport_report_calderbridge_badminton_open_womens_final.txt",
        ],
    ),
    "heldout51": (
        [],
        [
            "heldout51/analysis_plastic_bag_charges.txt",
            "heldout51/encyclopedia_narwhal.txt",
            "heldout51/explainer_how_refrigerators_work.txt",
            "heldout51/geography_norfolk_broads.txt",
            "heldout51/history_sinking_of_the_vasa.txt",
            "heldout51/page_arts_review_wren_halloway_tideline_tapestries.html",
            "heldout51/page_consumer_news_kindlebrook_water_smart_meter_overbilling.html",
            "heldout51/page_health_news_tallowfield_hearing_aid_waiting_list.html",
            "heldout51/page_transport_news_stenwick_bypass_opens_early.html",
            "heldout51/page_weather_news_garrowmoor_snow_drifts_villages_cut_off.html",
        ],
    ),
    "heldout50": (
        [],
        [
            "heldout50/biography_chien_shiung_wu.txt",
            "heldout50/economics_explainer_moral_hazard.txt",
            "heldout50/health_explainer_benign_paroxysmal_positional_vertigo.txt",
            "heldout50/history_brooklyn_bridge.txt",
            "heldout50/page_business_news_saltcote_ropeworks_navy_mooring_contract.html",
            "heldout50/page_environment_news_rowanby_dales_ash_dieback_roadside_felling.html",
            "heldout50/page_local_news_ellerby_mill_meadow_skate_park_approval.html",
            "heldout50/page_politics_news_stourleigh_elected_mayor_referendum_called.html",
            "heldout50/page_sport_report_ardcraig_quaich_curling_final_extra_end.html",
            "heldout50/science_explainer_quicksand.txt",
        ],
    ),
    "heldout49": (
        [],
        [
            "heldout49/analysis_supermarket_loyalty_prices.txt",
            "heldout49/arts_review_nadia_orme_night_ferries_photography.txt",
            "heldout49/business_news_greyling_opticians_rights_issue.txt",
            "heldout49/encyclopedia_red_panda.txt",
            "heldout49/geography_bay_of_fundy.txt",
            "heldout49/page_crime_court_report_ledmoor_fly_tipping_clearance_man_jailed.html",
            "heldout49/page_education_news_moorside_trust_branded_uniform_cut.html",
            "heldout49/page_local_news_holdsworth_mill_chimney_dismantling.html",
            "heldout49/page_tech_news_marlhaven_council_chatbot_wrong_bin_dates.html",
            "heldout49/page_transport_news_tolsey_swing_bridge_stuck_open.html",
        ],
    ),
    "heldout48": (
        [],
        [
            "heldout48/biography_isambard_kingdom_brunel.txt",
            "heldout48/economics_explainer_quantitative_easing.txt",
            "heldout48/explainer_how_hot_air_balloons_fly.txt",
            "heldout48/history_krakatoa_eruption_1883.txt",
            "heldout48/page_arts_review_cinder_and_salt_musical_halstow_playhouse.html",
            "heldout48/page_environment_news_caddon_water_lintmill_weir_salmon_return.html",
            "heldout48/page_health_news_kilmarden_birth_centre_suspension.html",
            "heldout48/page_politics_news_ashenford_council_loses_majority_local_plan.html",
            "heldout48/page_sport_report_glenbrae_kilcarran_shinty_cup_final.html",
            "heldout48/science_explainer_animal_hibernation.txt",
        ],
    ),
    "heldout47": (
        [],
        [
            "heldout47/analysis_dynamic_ticket_pricing.txt",
            "heldout47/encyclopedia_emperor_penguin.txt",
            "heldout47/geography_lake_titicaca.txt",
            "heldout47/health_explainer_glaucoma.txt",
            "heldout47/page_business_news_kelsholt_printworks_closure.html",
            "heldout47/page_consumer_news_weavers_quay_parking_charge_refunds.html",
            "heldout47/page_local_news_brannock_cross_cemetery_burial_space.html",
            "heldout47/page_science_news_river_brack_eel_satellite_tracking.html",
            "heldout47/page_weather_news_skerrymouth_sea_fog_flights_ferries.html",
            "heldout47/sport_report_ravensworth_castlebrook_handball_cup_final.txt",
        ],
    ),
    "heldout46": (
        [],
        [
            "heldout46/biography_annie_jump_cannon.txt",
            "heldout46/business_news_abbotsleigh_confectionery_cocoa_costs.txt",
            "heldout46/explainer_how_smoke_alarms_work.txt",
            "heldout46/history_tacoma_narrows_bridge_collapse.txt",
            "heldout46/page_arts_review_wakes_cycle_quarry_mystery_plays.html",
            "heldout46/page_crime_court_report_hallowfell_sheep_rustling_cousins_jailed.html",
            "heldout46/page_education_news_dunmere_instrument_library.html",
            "heldout46/page_politics_news_corrisford_ward_boundary_split.html",
            "heldout46/page_transport_news_dunmere_pothole_repair_backlog.html",
            "heldout46/science_explainer_spider_silk.txt",
        ],
    ),
    "heldout45": (
        [],
        [
            "heldout45/analysis_heat_pump_subsidies.txt",
            "heldout45/economics_explainer_purchasing_power_parity.txt",
            "heldout45/encyclopedia_kakapo.txt",
            "heldout45/geography_lofoten_islands.txt",
            "heldout45/health_explainer_carpal_tunnel_syndrome.txt",
            "heldout45/page_business_news_trevanny_pilchard_works_cannery_reopening.html",
            "heldout45/page_environment_news_dunstow_heath_wildfire_recovery_plan.html",
            "heldout45/page_health_news_hessleby_water_fluoridation_consultation.html",
            "heldout45/page_science_news_lundle_island_moth_first_british_record.html",
            "heldout45/page_sport_report_tollerton_bowls_county_pairs_final.html",
        ],
    ),
    "heldout44": (
        [],
        [
            "heldout44/arts_review_cherry_orchard_tidemill_theatre.txt",
            "heldout44/biography_caroline_herschel.txt",
            "heldout44/history_great_sheffield_flood_1864.txt",
            "heldout44/page_consumer_news_hartfield_kitchens_collapse_deposits.html",
            "heldout44/page_crime_court_report_kilnhurst_motors_fake_mot_certificates.html",
            "heldout44/page_local_news_ottersford_ford_closure.html",
            "heldout44/page_tech_news_morwen_isle_drone_prescription_deliveries.html",
            "heldout44/page_weather_news_ferris_valley_freezing_rain_power_cuts.html",
            "heldout44/science_explainer_gecko_feet_adhesion.txt",
            "heldout44/sport_report_northcliffe_squash_open_final.txt",
        ],
    ),
    "heldout43": (
        [],
        [
            "heldout43/analysis_short_term_holiday_lets_crackdown.txt",
            "heldout43/business_news_drayburn_rail_wagons_freight_order.txt",
            "heldout43/encyclopedia_mont_saint_michel.txt",
            "heldout43/explainer_how_pin_tumbler_locks_work.txt",
            "heldout43/health_explainer_plantar_fasciitis.txt",
            "heldout43/page_arts_review_tidewrack_puppet_theatre.html",
            "heldout43/page_education_news_wethercombe_school_bus_cuts.html",
            "heldout43/page_environment_news_skelby_cliffs_managed_retreat.html",
            "heldout43/page_politics_news_marrick_ward_by_election.html",
            "heldout43/page_transport_news_skelbrook_mill_lane_level_crossing_closure.html",
        ],
    ),
    "heldout42": (
        [],
        [
            "heldout42/biography_elizabeth_garrett_anderson.txt",
            "heldout42/economics_explainer_price_elasticity_of_demand.txt",
            "heldout42/geography_danube_delta.txt",
            "heldout42/history_johnstown_flood_1889.txt",
            "heldout42/page_business_news_dunhallow_dairy_ice_cream_plant.html",
            "heldout42/page_health_news_saltbeck_community_defibrillator_network.html",
            "heldout42/page_local_news_aldersey_mill_pond_dredging.html",
            "heldout42/page_science_news_wethercombe_school_seismometer_earthquake.html",
            "heldout42/page_sport_report_skelmere_swifts_basketball_trophy_final.html",
            "heldout42/science_explainer_permafrost_thaw.txt",
        ],
    ),
    "heldout41": (
        [],
        [
            "heldout41/analysis_twenty_mph_speed_limits.txt",
            "heldout41/biography_gregor_mendel.txt",
            "heldout41/encyclopedia_venus_flytrap.txt",
            "heldout41/history_penny_black_postal_reform.txt",
            "heldout41/page_business_news_aldwick_carr_boots_reshoring.html",
            "heldout41/page_health_news_wealdmoor_bowel_screening_age_fifty.html",
            "heldout41/page_local_news_ashworth_vale_pennington_meadow_village_green.html",
            "heldout41/page_politics_news_penhallow_bus_franchising_vote.html",
            "heldout41/page_sport_report_kestrel_pike_fell_race.html",
            "heldout41/science_explainer_bat_echolocation.txt",
        ],
    ),
    "heldout40": (
        [],
        [
            "heldout40/business_news_corran_glass_furnace_closure.txt",
            "heldout40/geography_okavango_delta.txt",
            "heldout40/health_explainer_high_blood_pressure.txt",
            "heldout40/history_mary_rose.txt",
            "heldout40/page_arts_review_far_from_the_madding_crowd_stage.html",
            "heldout40/page_education_news_fernmouth_teacher_housing.html",
            "heldout40/page_local_news_kettlesby_public_toilets_community_scheme.html",
            "heldout40/page_science_news_banded_snail_shell_colour.html",
            "heldout40/page_transport_news_calderford_e_scooter_trial_ends.html",
            "heldout40/science_explainer_snowflakes.txt",
        ],
    ),
    "heldout39": (
        [],
        [
            "heldout39/arts_review_a_quiet_inventory_play.txt",
            "heldout39/biography_grace_hopper.txt",
            "heldout39/economics_explainer_minimum_wage.txt",
            "heldout39/explainer_how_escalators_work.txt",
            "heldout39/history_great_exhibition_1851.txt",
            "heldout39/page_crime_court_report_hexley_egg_collector_jailed.html",
            "heldout39/page_environment_news_kelderwood_pine_marten_release.html",
            "heldout39/page_local_news_carrowfield_tip_booking_scheme.html",
            "heldout39/page_sport_report_dray_hollis_british_lightweight_title.html",
            "heldout39/page_tech_news_hartwell_learning_trust_ransomware.html",
        ],
    ),
    "heldout38": (
        [],
        [
            "heldout38/analysis_right_to_pay_in_cash.txt",
            "heldout38/encyclopedia_hadrians_wall.txt",
            "heldout38/geography_mekong_delta.txt",
            "heldout38/health_explainer_hay_fever.txt",
            "heldout38/page_business_news_tamsford_building_society_merger.html",
            "heldout38/page_consumer_news_brightharbour_holiday_parks_hidden_fees.html",
            "heldout38/page_health_news_hallerdale_lyme_disease_tick_warning.html",
            "heldout38/page_science_news_basking_shark_deep_winter_dives.html",
            "heldout38/page_transport_news_hallowdale_dalelink_minibuses_replace_routes.html",
            "heldout38/sport_report_halvershire_thornmere_championship_decider.txt",
        ],
    ),
    "heldout37": (
        [],
        [
            "heldout37/biography_lise_meitner.txt",
            "heldout37/business_news_ormsby_homes_half_year_results.txt",
            "heldout37/explainer_how_gps_satellite_navigation_works.txt",
            "heldout37/history_erie_canal.txt",
            "heldout37/page_arts_review_kittiwake_parade_sunday_service_album.html",
            "heldout37/page_education_news_harnby_cross_raac_classrooms.html",
            "heldout37/page_local_news_shingleby_beach_hut_fees.html",
            "heldout37/page_politics_news_harlingshire_councils_merger.html",
            "heldout37/page_weather_news_eastholme_tornado.html",
            "heldout37/science_explainer_bioluminescence.txt",
        ],
    ),
    "heldout36": (
        [],
        [
            "heldout36/analysis_self_checkout_tills.txt",
            "heldout36/biography_ignaz_semmelweis.txt",
            "heldout36/encyclopedia_atlantic_puffin.txt",
            "heldout36/geography_dead_sea.txt",
            "heldout36/health_explainer_coeliac_disease.txt",
            "heldout36/page_crime_court_report_catalytic_converter_gang_jailed.html",
            "heldout36/page_environment_news_tillbourne_chalk_stream_abstraction_cut.html",
            "heldout36/page_health_news_carrawong_thunderstorm_asthma.html",
            "heldout36/page_sport_report_yarrawin_magpies_country_football_grand_final.html",
            "heldout36/page_tech_news_telecare_alarms_3g_switch_off.html",
        ],
    ),
    "heldout35": (
        [],
        [
            "heldout35/arts_review_cartographer_of_small_rivers_novel.txt",
            "heldout35/biography_dorothy_hodgkin.txt",
            "heldout35/economics_explainer_bond_yields.txt",
            "heldout35/explainer_how_microwave_ovens_work.txt",
            "heldout35/history_eddystone_lighthouse.txt",
            "heldout35/page_business_news_quireford_books_stock_market_debut.html",
            "heldout35/page_consumer_news_pulsewell_gym_renewal_refunds.html",
            "heldout35/page_local_news_sallowby_church_clock_chimes_silenced.html",
            "heldout35/page_science_news_cullerby_pot_stalagmite_drought_record.html",
            "heldout35/page_sport_report_halbury_darts_open_final.html",
        ],
    ),
    "heldout34": (
        [],
        [
            "heldout34/biography_john_snow.txt",
            "heldout34/geography_faroe_islands.txt",
            "heldout34/history_great_smog_london_1952.txt",
            "heldout34/page_education_news_castle_mead_later_start_trial.html",
            "heldout34/page_local_news_wreyford_banking_hub.html",
            "heldout34/page_politics_news_calderholt_leader_no_confidence_vote.html",
            "heldout34/page_science_news_ashleigh_combe_meteorite_fall.html",
            "heldout34/page_transport_news_ebbsworth_station_reopening.html",
            "heldout34/science_explainer_rainbows.txt",
            "heldout34/sport_report_castlemoor_championship_title_chase.txt",
        ],
    ),
    "heldout33": (
        [],
        [
            "heldout33/analysis_deposit_return_schemes.txt",
            "heldout33/business_news_stannard_lifts_takeover_bid.txt",
            "heldout33/encyclopedia_axolotl.txt",
            "heldout33/explainer_how_noise_cancelling_headphones_work.txt",
            "heldout33/health_explainer_tinnitus.txt",
            "heldout33/page_arts_review_marram_dance_low_water.html",
            "heldout33/page_business_news_brockhurst_cider_takeover.html",
            "heldout33/page_environment_news_fenwold_estuary_native_oyster_spat.html",
            "heldout33/page_health_news_kelsbury_legionnaires_cluster.html",
            "heldout33/page_sport_report_ashcombe_gold_cup_harbour_lantern.html",
        ],
    ),
    "heldout32": (
        [],
        [
            "heldout32/arts_review_mahler_sixth_severnside_philharmonic.txt",
            "heldout32/biography_mary_seacole.txt",
            "heldout32/economics_explainer_comparative_advantage.txt",
            "heldout32/history_boston_molasses_flood.txt",
            "heldout32/page_consumer_news_festival_collapse_refunds.html",
            "heldout32/page_crime_court_report_church_roof_lead_thefts.html",
            "heldout32/page_local_news_fennick_green_pub_community_buyout.html",
            "heldout32/page_tech_news_mhorra_subsea_cable_cut.html",
            "heldout32/page_weather_news_wandarra_giant_hailstorm.html",
            "heldout32/science_explainer_tree_ring_dating.txt",
        ],
    ),
    "heldout31": (
        [],
        [
            "heldout31/business_news_hollinshead_cards_profit_warning.txt",
            "heldout31/encyclopedia_svalbard_global_seed_vault.txt",
            "heldout31/geography_lake_baikal.txt",
            "heldout31/health_explainer_gout.txt",
            "heldout31/page_arts_review_edith_calloway_retrospective.html",
            "heldout31/page_education_news_lowerby_pool_closure_school_swimming.html",
            "heldout31/page_environment_news_pennock_bay_kelp_recovery_trawling_ban.html",
            "heldout31/page_politics_news_hollowmere_council_tax_referendum.html",
            "heldout31/page_transport_news_kelbridge_electric_buses_cold_snap.html",
            "heldout31/sport_report_ashdown_vale_kingsmere_hockey_cup_final.txt",
        ],
    ),
    "heldout30": (
        [],
        [
            "heldout30/analysis_daylight_saving_time.txt",
            "heldout30/biography_mary_anning.txt",
            "heldout30/explainer_how_canal_locks_work.txt",
            "heldout30/history_tay_bridge_disaster.txt",
            "heldout30/page_business_news_brackenlaw_knitwear_mill_rescue.html",
            "heldout30/page_health_news_ravensby_social_prescribing_trial.html",
            "heldout30/page_local_news_stavesby_market_street_sinkhole.html",
            "heldout30/page_science_news_haxby_wyke_dinosaur_trackway.html",
            "heldout30/page_sport_report_oxley_vale_womens_t20_final.html",
            "heldout30/science_explainer_ocean_tides.txt",
        ],
    ),
    "heldout29": (
        [],
        [
            "heldout29/biography_josiah_wedgwood.txt",
            "heldout29/business_feature_coffee_bean_supply_chain.txt",
            "heldout29/explainer_how_jury_service_works.txt",
            "heldout29/history_pont_du_gard_nimes_aqueduct.txt",
            "heldout29/page_environment_news_gorsleigh_moor_peat_rewetting_curlews.html",
            "heldout29/page_health_news_wenscombe_pharmacy_closure_prescription_lockers.html",
            "heldout29/page_local_news_thornbeck_moor_quarry_extension.html",
            "heldout29/page_sport_report_corlingham_masters_snooker_final.html",
            "heldout29/page_tech_news_quillfield_pip3_strawberry_picking_robot.html",
            "heldout29/science_explainer_sense_of_smell.txt",
        ],
    ),
    "heldout28": (
        [],
        [
            "heldout28/biography_shirley_chisholm.txt",
            "heldout28/health_explainer_migraine.txt",
            "heldout28/history_kon_tiki_expedition.txt",
            "heldout28/page_consumer_news_lumenline_broadband_price_rise_exit_rights.html",
            "heldout28/page_education_news_carnholme_shipyard_apprentice_intake.html",
            "heldout28/page_local_news_brindlecombe_allotment_plot_split.html",
            "heldout28/page_science_news_halvard_ring_occultation.html",
            "heldout28/page_transport_news_wexcombe_quayside_cycle_lane_first_year.html",
            "heldout28/science_explainer_stainless_steel.txt",
            "heldout28/sport_report_greywater_stingrays_volleyball_final.txt",
        ],
    ),
    "heldout27": (
        [],
        [
            "heldout27/analysis_fare_free_public_transport.txt",
            "heldout27/encyclopedia_river_shannon.txt",
            "heldout27/history_perkin_mauveine_dye.txt",
            "heldout27/news_pellingford_20mph_limit_vote.txt",
            "heldout27/page_arts_review_lamplighters_daughter_opera.html",
            "heldout27/page_business_news_tumbleweir_toys_employee_ownership.html",
            "heldout27/page_health_news_haverleigh_ae_overnight_closure.html",
            "heldout27/page_local_news_tarnford_flash_flood_cleanup.html",
            "heldout27/page_sport_report_haverstone_womens_open_golf_playoff.html",
            "heldout27/science_explainer_mycorrhizal_fungi_networks.txt",
        ],
    ),
    "heldout26": (
        [],
        [
            "heldout26/biography_hertha_ayrton.txt",
            "heldout26/business_news_fellwise_outdoor_results.txt",
            "heldout26/explainer_how_railway_signalling_works.txt",
            "heldout26/history_chilean_miners_rescue_2010.txt",
            "heldout26/page_culture_feature_hebbleton_night_shift_choir_prize.html",
            "heldout26/page_local_news_wrenfield_hospital_multi_storey_car_park.html",
            "heldout26/page_science_news_glow_worm_led_streetlights.html",
            "heldout26/page_sport_report_corrow_athletic_saltmarsh_rovers_derby.html",
            "heldout26/page_tech_news_tillora_card_payments_outage.html",
            "heldout26/science_explainer_cochlear_implants.txt",
        ],
    ),
    "heldout25": (
        [],
        [
            "heldout25/analysis_school_phone_bans.txt",
            "heldout25/health_explainer_dietary_fibre.txt",
            "heldout25/history_founding_of_st_petersburg.txt",
            "heldout25/page_arts_review_hollin_sisters_weather_indoors.html",
            "heldout25/page_business_news_marrowby_oat_drinks_results.html",
            "heldout25/page_local_news_kestlewick_lido_reopening.html",
            "heldout25/page_politics_news_varden_isles_voting_age_vote.html",
            "heldout25/page_science_news_skerrow_lichen_antibiotic.html",
            "heldout25/science_explainer_rogue_waves.txt",
            "heldout25/sport_report_fenmoor_harrowdale_county_cup_final.txt",
        ],
    ),
    "heldout24": (
        [],
        [
            "heldout24/biography_virginia_apgar.txt",
            "heldout24/encyclopedia_forth_bridge.txt",
            "heldout24/history_chartist_movement.txt",
            "heldout24/news_police_station_front_counters_close.txt",
            "heldout24/page_business_news_calderwick_energy_wind_farm_pause.html",
            "heldout24/page_education_news_brackmoor_school_meals_caterer_collapse.html",
            "heldout24/page_environment_news_brantwick_school_streets_air_quality.html",
            "heldout24/page_health_news_ardlow_mobile_dental_unit_schools.html",
            "heldout24/page_sport_report_dunmore_falcons_playoff_final_overtime.html",
            "heldout24/science_explainer_meteor_showers.txt",
        ],
    ),
    "heldout23": (
        [],
        [
            "heldout23/biography_clara_schumann.txt",
            "heldout23/economics_explainer_tariffs.txt",
            "heldout23/history_thames_tunnel.txt",
            "heldout23/news_streetlight_switch_off.txt",
            "heldout23/page_food_feature_gullrock_harbour_smokehouse.html",
            "heldout23/page_local_news_cinder_lane_gasworks_homes.html",
            "heldout23/page_science_news_orrin_marsh_bronze_age_salt_boat.html",
            "heldout23/page_tech_news_kerbwise_parking_app_breach.html",
            "heldout23/page_travel_feature_ljubljana.html",
            "heldout23/science_explainer_beaver_dams.txt",
        ],
    ),
    "heldout22": (
        [],
        [
            "heldout22/analysis_right_to_repair_laws.txt",
            "heldout22/business_feature_cut_flower_trade.txt",
            "heldout22/geography_atacama_desert.txt",
            "heldout22/health_explainer_shingles.txt",
            "heldout22/history_north_sea_flood_1953.txt",
            "heldout22/page_consumer_news_air_fryer_recall.html",
            "heldout22/page_crime_court_report_rare_maps_theft_verdict.html",
            "heldout22/page_culture_feature_cordwell_late_debut_prize.html",
            "heldout22/page_sport_report_brackenfell_cycling_classic.html",
            "heldout22/page_weather_news_cold_snap_frozen_pipes.html",
        ],
    ),
    "heldout21": (
        [],
        [
            "heldout21/biography_ibn_battuta.txt",
            "heldout21/explainer_how_coroners_inquests_work.txt",
            "heldout21/history_hanseatic_league.txt",
            "heldout21/page_business_news_pottery_maker_electric_kilns.html",
            "heldout21/page_health_news_virtual_wards_expansion.html",
            "heldout21/page_local_news_recycling_yard_fire.html",
            "heldout21/page_science_news_hedgehog_road_crossings.html",
            "heldout21/page_transport_news_tram_extension_delay.html",
            "heldout21/science_explainer_haber_bosch_process.txt",
            "heldout21/sport_report_netball_grand_final.txt",
        ],
    ),
    "heldout20": (
        [],
        [
            "heldout20/analysis_rent_control.txt",
            "heldout20/business_news_frozen_food_maker_results.txt",
            "heldout20/encyclopedia_giant_sequoia.txt",
            "heldout20/health_explainer_kidneys.txt",
            "heldout20/history_great_stink_london_sewers.txt",
            "heldout20/page_arts_review_salt_keeper_film.html",
            "heldout20/page_education_news_university_languages_closure.html",
            "heldout20/page_environment_news_natterjack_toad_dunes.html",
            "heldout20/page_politics_news_visitor_levy.html",
            "heldout20/page_tech_news_smart_thermostat_update_failure.html",
        ],
    ),
    "heldout19": (
        [],
        [
            "heldout19/biography_john_harrison.txt",
            "heldout19/explainer_how_barcodes_work.txt",
            "heldout19/history_halifax_explosion.txt",
            "heldout19/news_food_waste_collection.txt",
            "heldout19/page_business_news_bicycle_maker.html",
            "heldout19/page_health_news_whooping_cough.html",
            "heldout19/page_local_news_market_square_car_park.html",
            "heldout19/page_science_news_seagrass_carbon.html",
            "heldout19/page_sport_report_rowing_regatta.html",
            "heldout19/science_explainer_lightning.txt",
        ],
    ),
    "heldout18": (
        [],
        [
            "heldout18/history_first_transatlantic_flight.txt",
            "heldout18/news_ferry_service_cut.txt",
            "heldout18/page_business_news_brewery_merger.html",
            "heldout18/page_local_news_library_reopens.html",
            "heldout18/page_science_news_asteroid_sample.html",
            "heldout18/science_explainer_earthquakes.txt",
        ],
    ),
    "heldout11": (
        [],
        [
            "heldout11/biography_wangari_maathai.txt",
            "heldout11/business_feature_container_shipping.txt",
            "heldout11/explainer_how_glaciers_move.txt",
            "heldout11/geography_river_nile.txt",
            "heldout11/health_news_sugar_tax.txt",
            "heldout11/history_black_death.txt",
            "heldout11/news_hospital_strike.txt",
            "heldout11/politics_news_election_result.txt",
            "heldout11/review_museum_exhibition.txt",
            "heldout11/science_news_comet_mission.txt",
        ],
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Source:
    """One article of a set: its id, the raw bytes and the file name its reader goes by."""

    id: str
    data: bytes
    filename: str


def load_set(name: str) -> list[Source]:
    """The articles of a set in SETS (corpus pages need the shared corpus)."""
    pages, files = SETS[name]
    keys = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for prefix in pages:
        key = next(k for k in keys if k.startswith(prefix))
        html = gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes())
        out.append(Source(prefix, html, "page.html"))
    for name_ in files:
        out.append(Source(Path(name_).stem, (DATA / name_).read_bytes(), Path(name_).name))
    return out
