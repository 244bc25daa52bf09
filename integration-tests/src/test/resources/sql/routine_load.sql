-- Routine load statements without a broker: the reference's validation messages, SHOW CREATE ROUTINE LOAD (secrets
-- masked), STOP and what a stopped job refuses, information_schema, and DROP DATABASE cancelling jobs.
create database rl_golden;
use rl_golden;
create table events (id bigint not null, name varchar(32) null, score int null, version int null) primary key(id) distributed by hash(id) buckets 2;
create table logs (id bigint null, msg string null) duplicate key(id) distributed by hash(id) buckets 1;
CREATE ROUTINE LOAD bad ON events COLUMNS(id), COLUMNS(name) FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events WHERE id > 1, WHERE id > 2 FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events ROWS TERMINATED BY "\n", ROWS TERMINATED BY "\r\n" FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events COLUMNS TERMINATED BY "012345678901234567890123456789012345678901234567890" FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events COLUMNS TERMINATED BY "0xZZ" FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events COLUMNS(id, name, ID) FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("max_batch_bytes" = "1") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("desired_concurrent_number" = "0") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("max_error_number" = "-1") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("max_filter_ratio" = "2") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("strict_mode" = "maybe") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("timezone" = "Mars/Olympus") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("format" = "xml") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("format" = "json", "jsonpaths" = "$.id") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("format" = "json", "jsonpaths" = "[\"$.id\", \"$.name\", \"$.score\", \"$.version[\"]") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("format" = "json", "json_root" = "$.[") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("enclose" = "ab") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("task_consume_second" = "60", "task_timeout_second" = "30") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("merge_condition" = "id") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("merge_condition" = "name") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events PROPERTIES ("merge_condition" = "nothere") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON logs PROPERTIES ("partial_update" = "true") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON logs PROPERTIES ("merge_condition" = "id") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_broker_list" = "broker-without-port", "kafka_topic" = "t");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t", "kafka_group" = "g");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t", "kafka_partitions" = "0,1", "kafka_offsets" = "0");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t", "kafka_partitions" = "a");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t", "kafka_partitions" = "0", "kafka_offsets" = "-1");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t", "kafka_partitions" = "0", "kafka_offsets" = "latest");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t", "property.kafka_default_offsets" = "earliest");
CREATE ROUTINE LOAD bad ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t", "property.isolation.level" = "read_dirty");
CREATE ROUTINE LOAD bad ON nothere FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
CREATE ROUTINE LOAD nodb.bad ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
select count(*) from information_schema.routine_load_jobs where db_name = 'rl_golden';
CREATE ROUTINE LOAD rl_golden.events_load ON events
COLUMNS TERMINATED BY ",", COLUMNS(id, name, temp, score = temp * 2, version), WHERE id > 0, PARTITION(events)
PROPERTIES ("desired_concurrent_number" = "2", "max_error_number" = "10", "strict_mode" = "true", "timezone" = "UTC",
            "merge_condition" = "version", "enclose" = "'", "trim_space" = "true")
FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "events", "kafka_partitions" = "0,1", "kafka_offsets" = "OFFSET_BEGINNING,5",
            "property.group.id" = "golden", "property.security.protocol" = "SASL_PLAINTEXT", "property.sasl.mechanism" = "PLAIN",
            "property.sasl.jaas.config" = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"secret\";");
CREATE ROUTINE LOAD events_load ON events FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t");
show create routine load events_load;
stop routine load for events_load;
resume routine load for events_load;
pause routine load for events_load;
stop routine load for events_load;
alter routine load for events_load properties ("max_error_number" = "1");
pause routine load for nothere;
show routine load for events_load;
show routine load task where JobName = "events_load";
show routine load task;
select name, state, data_source_type, current_task_num, progress, reasons_of_state_changed, custom_properties from information_schema.routine_load_jobs where db_name = 'rl_golden';
CREATE ROUTINE LOAD logs_load ON logs PROPERTIES ("format" = "json") FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "logs");
use information_schema;
show tables;
select name, state from routine_load_jobs where db_name = 'rl_golden' order by name;
drop database rl_golden;
select name, state, reasons_of_state_changed from information_schema.routine_load_jobs where db_name = 'rl_golden' order by name;
