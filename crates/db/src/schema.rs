// Hand-kept diesel schema shared by SQLite and PostgreSQL (portable types only).

diesel::table! {
    regions (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    provinces (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        region_id -> BigInt,
    }
}

diesel::table! {
    comuni (id) {
        id -> BigInt,
        istat_code -> Text,
        cadastral_code -> Text,
        name -> Text,
        name_search -> Text,
        province_id -> BigInt,
    }
}

diesel::table! {
    comune_caps (comune_id,cap) {
        comune_id -> BigInt,
        cap -> Text,
    }
}

diesel::table! {
    inps_offices (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        name_search -> Text,
        kind -> Text,
        region_id -> BigInt,
        province_id -> Nullable<BigInt>,
        address -> Text,
        cap -> Text,
        comune -> Text,
        active -> Bool,
    }
}

diesel::table! {
    office_caps (cap) {
        cap -> Text,
        office_id -> BigInt,
    }
}

diesel::table! {
    protocol_sequences (office_id) {
        office_id -> BigInt,
        last_value -> BigInt,
    }
}

diesel::table! {
    topics (id) {
        id -> BigInt,
        code -> Text,
        label -> Text,
        label_search -> Text,
        for_citizen -> Bool,
        for_regional -> Bool,
        active -> Bool,
    }
}

diesel::table! {
    topic_overrides (id) {
        id -> BigInt,
        topic_id -> BigInt,
        hub_office_id -> BigInt,
        region_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    patronati (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    patronato_offices (id) {
        id -> BigInt,
        patronato_id -> BigInt,
        name -> Text,
        province_id -> BigInt,
        address -> Text,
        cap -> Text,
        comune -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        password_hash -> Text,
        full_name -> Text,
        email -> Nullable<Text>,
        side -> Text,
        patronato_id -> Nullable<BigInt>,
        patronato_office_id -> Nullable<BigInt>,
        region_id -> Nullable<BigInt>,
        inps_office_id -> Nullable<BigInt>,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    user_profiles (user_id,profile) {
        user_id -> BigInt,
        profile -> Text,
    }
}

diesel::table! {
    official_topics (user_id,topic_id) {
        user_id -> BigInt,
        topic_id -> BigInt,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        family -> Text,
        token_hash -> Text,
        profile -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        profile -> Text,
        scopes -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    citizens (id) {
        id -> BigInt,
        codice_fiscale -> Text,
        surname -> Text,
        name -> Text,
        birth_date -> Date,
        sex -> Text,
        birth_comune -> Text,
        birth_province -> Text,
        residence_address -> Text,
        residence_comune -> Text,
        residence_province -> Text,
        residence_cap -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    practices (id) {
        id -> BigInt,
        kind -> Text,
        number -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    practice_people (practice_id,citizen_id) {
        practice_id -> BigInt,
        citizen_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    requests (id) {
        id -> BigInt,
        protocol -> Text,
        kind -> Text,
        status -> Text,
        patronato_id -> BigInt,
        patronato_office_id -> Nullable<BigInt>,
        region_id -> Nullable<BigInt>,
        created_by -> BigInt,
        citizen_id -> Nullable<BigInt>,
        citizen_cf -> Nullable<Text>,
        delega_declared_at -> Nullable<Timestamp>,
        motive -> Text,
        practice_kind -> Nullable<Text>,
        practice_number -> Nullable<Text>,
        topic_id -> BigInt,
        text -> Text,
        notes -> Nullable<Text>,
        office_id -> BigInt,
        office_chosen_by_hand -> Bool,
        routing_reason -> Text,
        assigned_official_id -> Nullable<BigInt>,
        appointments_enabled -> Bool,
        followups_used -> Integer,
        first_answer_at -> Nullable<Timestamp>,
        awaiting_since -> Nullable<Timestamp>,
        last_message_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        search_terms -> Text,
    }
}

diesel::table! {
    /// The columns of `requests` that keep the statistics' per-request figures, a second view
    /// of the same table: `requests` above already has the 32 columns diesel's tables allow.
    #[sql_name = "requests"]
    request_figures (id) {
        id -> BigInt,
        reminders_sent -> Integer,
        appointment_booked -> Bool,
    }
}

diesel::table! {
    messages (id) {
        id -> BigInt,
        request_id -> BigInt,
        seq -> Integer,
        protocol -> Text,
        kind -> Text,
        author_id -> BigInt,
        author_side -> Text,
        text -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    request_events (id) {
        id -> BigInt,
        request_id -> BigInt,
        kind -> Text,
        actor_id -> Nullable<BigInt>,
        from_office_id -> Nullable<BigInt>,
        to_office_id -> Nullable<BigInt>,
        detail -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reminders (id) {
        id -> BigInt,
        request_id -> BigInt,
        seq -> Integer,
        sent_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    attachments (id) {
        id -> BigInt,
        owner_id -> BigInt,
        request_id -> Nullable<BigInt>,
        message_id -> Nullable<BigInt>,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        created_at -> Timestamp,
        linked_at -> Nullable<Timestamp>,
        expires_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    consultation_points (id) {
        id -> BigInt,
        office_id -> BigInt,
        name -> Text,
        channels -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    consultation_point_topics (point_id,topic_id) {
        point_id -> BigInt,
        topic_id -> BigInt,
    }
}

diesel::table! {
    appointment_slots (id) {
        id -> BigInt,
        office_id -> BigInt,
        point_id -> BigInt,
        starts_at -> Timestamp,
        duration_minutes -> Integer,
        channels -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        ends_at -> Timestamp,
    }
}

diesel::table! {
    appointments (id) {
        id -> BigInt,
        slot_id -> BigInt,
        booked_by -> BigInt,
        channel -> Text,
        topic_id -> BigInt,
        notes -> Nullable<Text>,
        status -> Text,
        room_url -> Nullable<Text>,
        created_at -> Timestamp,
        cancelled_at -> Nullable<Timestamp>,
        cancelled_by -> Nullable<BigInt>,
        cancel_reason -> Nullable<Text>,
    }
}

diesel::table! {
    appointment_requests (appointment_id,request_id) {
        appointment_id -> BigInt,
        request_id -> BigInt,
        active -> Bool,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        user_id -> Nullable<BigInt>,
        profile -> Nullable<Text>,
        patronato_id -> Nullable<BigInt>,
        inps_office_id -> Nullable<BigInt>,
        action -> Text,
        resource_type -> Text,
        resource_id -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    idempotency_keys (user_id,key) {
        user_id -> BigInt,
        key -> Text,
        method -> Text,
        path -> Text,
        body_hash -> Text,
        status_code -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::joinable!(provinces -> regions (region_id));
diesel::joinable!(comuni -> provinces (province_id));
diesel::joinable!(comune_caps -> comuni (comune_id));
diesel::joinable!(inps_offices -> regions (region_id));
diesel::joinable!(inps_offices -> provinces (province_id));
diesel::joinable!(office_caps -> inps_offices (office_id));
diesel::joinable!(topic_overrides -> topics (topic_id));
diesel::joinable!(topic_overrides -> inps_offices (hub_office_id));
diesel::joinable!(topic_overrides -> regions (region_id));
diesel::joinable!(patronato_offices -> patronati (patronato_id));
diesel::joinable!(patronato_offices -> provinces (province_id));
diesel::joinable!(users -> patronati (patronato_id));
diesel::joinable!(users -> patronato_offices (patronato_office_id));
diesel::joinable!(users -> regions (region_id));
diesel::joinable!(users -> inps_offices (inps_office_id));
diesel::joinable!(user_profiles -> users (user_id));
diesel::joinable!(official_topics -> users (user_id));
diesel::joinable!(official_topics -> topics (topic_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(practice_people -> practices (practice_id));
diesel::joinable!(practice_people -> citizens (citizen_id));
diesel::joinable!(requests -> patronati (patronato_id));
diesel::joinable!(requests -> patronato_offices (patronato_office_id));
diesel::joinable!(requests -> regions (region_id));
diesel::joinable!(requests -> citizens (citizen_id));
diesel::joinable!(requests -> topics (topic_id));
diesel::joinable!(requests -> inps_offices (office_id));
diesel::joinable!(messages -> requests (request_id));
diesel::joinable!(messages -> users (author_id));
diesel::joinable!(request_events -> requests (request_id));
diesel::joinable!(request_events -> users (actor_id));
diesel::joinable!(reminders -> requests (request_id));
diesel::joinable!(reminders -> users (sent_by));
diesel::joinable!(attachments -> users (owner_id));
diesel::joinable!(attachments -> requests (request_id));
diesel::joinable!(attachments -> messages (message_id));
diesel::joinable!(consultation_points -> inps_offices (office_id));
diesel::joinable!(consultation_point_topics -> consultation_points (point_id));
diesel::joinable!(consultation_point_topics -> topics (topic_id));
diesel::joinable!(appointment_slots -> inps_offices (office_id));
diesel::joinable!(appointment_slots -> consultation_points (point_id));
diesel::joinable!(appointment_slots -> users (created_by));
diesel::joinable!(appointments -> appointment_slots (slot_id));
diesel::joinable!(appointments -> topics (topic_id));
diesel::joinable!(appointment_requests -> appointments (appointment_id));
diesel::joinable!(appointment_requests -> requests (request_id));
diesel::joinable!(audit_log -> users (user_id));
diesel::joinable!(audit_log -> patronati (patronato_id));
diesel::joinable!(audit_log -> inps_offices (inps_office_id));
diesel::joinable!(idempotency_keys -> users (user_id));

diesel::table! {
    request_counts (id) {
        id -> BigInt,
        scope -> Text,
        status -> Text,
        requests -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    regions,
    provinces,
    comuni,
    comune_caps,
    inps_offices,
    office_caps,
    protocol_sequences,
    topics,
    topic_overrides,
    patronati,
    patronato_offices,
    users,
    user_profiles,
    official_topics,
    refresh_tokens,
    api_tokens,
    citizens,
    practices,
    practice_people,
    requests,
    messages,
    request_events,
    reminders,
    attachments,
    consultation_points,
    consultation_point_topics,
    appointment_slots,
    appointments,
    appointment_requests,
    audit_log,
    idempotency_keys,
);
